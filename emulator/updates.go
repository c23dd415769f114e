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
	w := c.e.world
	b := w.box(c.userID)
	st := c.state()
	date := int(c.e.now().Unix())
	if req.Pts >= b.pts {
		return &tg.UpdatesDifferenceEmpty{Date: date, Seq: 0}, nil
	}
	if b.pts-req.Pts > c.e.opts.DifferenceTooLong {
		return &tg.UpdatesDifferenceTooLong{Pts: b.pts}, nil
	}
	ups := b.since(req.Pts)
	limit := c.e.opts.DifferenceSlice
	if req.PtsTotalLimit > 0 && req.PtsTotalLimit < limit {
		limit = req.PtsTotalLimit
	}
	sliced := len(ups) > limit
	if sliced {
		ups = ups[:limit]
		st.Pts = ups[len(ups)-1].pts
	}
	var (
		msgs   []tg.MessageClass
		others []tg.UpdateClass
		ids    = []int64{c.userID}
	)
	// Like Telegram, a difference holds new messages as they are now: edited,
	// with fresh file references, and no edit of a message it brings anew.
	isNew := map[int]bool{}
	for _, u := range ups {
		if u, ok := u.update.(*tg.UpdateNewMessage); ok {
			isNew[u.Message.GetID()] = true
		}
	}
	for _, u := range ups {
		switch u := u.update.(type) {
		case *tg.UpdateNewMessage:
			m := w.refreshRefs(b.msgs[u.Message.GetID()])
			msgs = append(msgs, m)
			ids = append(ids, userIDs(m)...)
		case *tg.UpdateEditMessage:
			if isNew[u.Message.GetID()] {
				continue
			}
			others = append(others, u)
			ids = append(ids, userIDs(u.Message)...)
		default:
			others = append(others, u)
		}
	}
	if msgs == nil {
		msgs = []tg.MessageClass{}
	}
	if others == nil {
		others = []tg.UpdateClass{}
	}
	users := w.tgUsers(c.userID, ids...)
	if sliced {
		return &tg.UpdatesDifferenceSlice{
			NewMessages: msgs, NewEncryptedMessages: []tg.EncryptedMessageClass{},
			OtherUpdates: others, Chats: w.chatsOf(c.userID, msgs...), Users: users, IntermediateState: st,
		}, nil
	}
	return &tg.UpdatesDifference{
		NewMessages: msgs, NewEncryptedMessages: []tg.EncryptedMessageClass{},
		OtherUpdates: others, Chats: w.chatsOf(c.userID, msgs...), Users: users, State: st,
	}, nil
}
