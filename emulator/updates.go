package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

func (e *Emulator) registerUpdates(m map[uint32]method) {
	register(m, false, (*call).getState)
	register(m, false, (*call).getDifference)
}

func (c *call) state() tg.UpdatesState {
	b := c.e.world.box(c.userID)
	return tg.UpdatesState{Pts: b.pts, Date: int(c.e.now().Unix()), Seq: 0, UnreadCount: 0}
}

func (c *call) getState(*tg.UpdatesGetStateRequest) (bin.Encoder, error) {
	defer c.lock()()
	s := c.state()
	return &s, nil
}

func (c *call) getDifference(req *tg.UpdatesGetDifferenceRequest) (bin.Encoder, error) {
	defer c.lock()()
	b := c.e.world.box(c.userID)
	date := int(c.e.now().Unix())
	if req.Pts >= b.pts {
		return &tg.UpdatesDifferenceEmpty{Date: date, Seq: 0}, nil
	}
	if b.pts-req.Pts > c.e.opts.DifferenceTooLong {
		return &tg.UpdatesDifferenceTooLong{Pts: b.pts}, nil
	}
	st := c.state()
	ups, sliced := c.differenceSlice(b, req)
	if sliced {
		st.Pts = ups[len(ups)-1].pts
	}
	d := c.difference(b, ups)
	if sliced {
		return &tg.UpdatesDifferenceSlice{
			NewMessages: d.msgs, NewEncryptedMessages: []tg.EncryptedMessageClass{},
			OtherUpdates: d.others, Chats: d.chats, Users: d.users, IntermediateState: st,
		}, nil
	}
	return &tg.UpdatesDifference{
		NewMessages: d.msgs, NewEncryptedMessages: []tg.EncryptedMessageClass{},
		OtherUpdates: d.others, Chats: d.chats, Users: d.users, State: st,
	}, nil
}

// differenceSlice is the box's updates after the client's pts, at most as
// many as the emulator's slice and the request's total limit allow; sliced
// says whether some were left for the next call.
func (c *call) differenceSlice(b *box, req *tg.UpdatesGetDifferenceRequest) (ups []ptsUpdate, sliced bool) {
	ups = b.since(req.Pts)
	limit := c.e.opts.DifferenceSlice
	if req.PtsTotalLimit > 0 && req.PtsTotalLimit < limit {
		limit = req.PtsTotalLimit
	}
	if len(ups) > limit {
		return ups[:limit], true
	}
	return ups, false
}

// differenceBody is what a difference carries besides its state.
type differenceBody struct {
	msgs   []tg.MessageClass
	others []tg.UpdateClass
	chats  []tg.ChatClass
	users  []tg.UserClass
}

// difference sorts updates into new messages and other updates, with the
// chats and users they mention. Like Telegram, a difference holds new
// messages as they are now: edited, with fresh file references, no edit
// of a message it brings anew, and none deleted since (the deletion is
// among the other updates).
func (c *call) difference(b *box, ups []ptsUpdate) differenceBody {
	w := c.e.world
	isNew := map[int]bool{}
	for _, u := range ups {
		if u, ok := u.update.(*tg.UpdateNewMessage); ok {
			isNew[u.Message.GetID()] = true
		}
	}
	d := differenceBody{msgs: []tg.MessageClass{}, others: []tg.UpdateClass{}}
	ids := []int64{c.userID}
	for _, u := range ups {
		switch u := u.update.(type) {
		case *tg.UpdateNewMessage:
			m, kept := b.msgs[u.Message.GetID()]
			if !kept {
				continue // deleted since: its updateDeleteMessages follows
			}
			m = w.refreshRefs(m)
			d.msgs = append(d.msgs, m)
			ids = append(ids, userIDs(m)...)
		case *tg.UpdateEditMessage:
			if _, kept := b.msgs[u.Message.GetID()]; !kept || isNew[u.Message.GetID()] {
				continue
			}
			d.others = append(d.others, u)
			ids = append(ids, userIDs(u.Message)...)
		default:
			d.others = append(d.others, u)
		}
	}
	d.chats = w.chatsOf(c.userID, d.msgs...)
	d.users = w.tgUsers(c.userID, ids...)
	return d
}
