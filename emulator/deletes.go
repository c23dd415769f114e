package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// Deleting messages, as Telegram does it for private chats and Saved
// Messages (core.telegram.org/method/messages.deleteMessages,
// core.telegram.org/constructor/updateDeleteMessages):
//   - the ids are the account's own message box's; ids it does not hold are
//     passed over, and a call that deleted nothing answers pts_count 0
//     (TDLib's DeleteMessagesQuery::on_result in td/telegram/MessagesManager.cpp
//     expects exactly that and adds no pts update then);
//   - what was deleted is one updateDeleteMessages{messages, pts, pts_count}
//     in the box's log, pushed to the account's other sessions and read back
//     by getDifference;
//   - a deleted message is gone: editing it is 400 MESSAGE_ID_INVALID
//     (editMessage), and its random_id stays used (RANDOM_ID_DUPLICATE, send).
//
// A revoke in a chat with another user would delete that user's copy too;
// the emulator does not link the two copies, so only the caller's box
// changes. In Saved Messages, the only chat Persona deletes in, there is
// one copy.

func (e *Emulator) registerDeletes(m map[uint32]method) {
	register(m, false, (*call).deleteMessages)
}

func (c *call) deleteMessages(req *tg.MessagesDeleteMessagesRequest) (bin.Encoder, error) {
	defer c.lock()()
	b := c.e.world.box(c.userID)
	u := b.deleteMessages(req.ID)
	if u == nil {
		return &tg.MessagesAffectedMessages{Pts: b.pts, PtsCount: 0}, nil
	}
	c.pushes = append(c.pushes, deletePush(c.userID, u, int(c.e.now().Unix()), c.session.ID))
	return &tg.MessagesAffectedMessages{Pts: u.Pts, PtsCount: u.PtsCount}, nil
}

// DeleteMessages deletes messages of the account's box as another app of
// the account's would (messages.deleteMessages with revoke, from the
// owner's phone): the account's sessions get updateDeleteMessages. Ids the
// box does not hold are passed over; it reports how many were deleted.
func (e *Emulator) DeleteMessages(account int64, ids ...int) int {
	e.mu.Lock()
	u := e.world.box(account).deleteMessages(ids)
	if u == nil {
		e.mu.Unlock()
		return 0
	}
	p := deletePush(account, u, int(e.now().Unix()), 0)
	e.mu.Unlock()
	e.deliver([]push{p})
	return len(u.Messages)
}

// deleteMessages removes the ids the box holds and logs their deletion as
// one update; nil when it holds none of them.
func (b *box) deleteMessages(ids []int) *tg.UpdateDeleteMessages {
	var gone []int
	for _, id := range ids {
		if _, ok := b.msgs[id]; ok {
			delete(b.msgs, id)
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	b.pts += len(gone)
	u := &tg.UpdateDeleteMessages{Messages: gone, Pts: b.pts, PtsCount: len(gone)}
	b.log = append(b.log, ptsUpdate{pts: b.pts, update: u})
	return u
}

// deletePush is the push of a deletion to the account's sessions but skip.
func deletePush(owner int64, u *tg.UpdateDeleteMessages, date int, skip int64) push {
	return push{userID: owner, skip: skip, updates: &tg.Updates{
		Updates: []tg.UpdateClass{u}, Users: []tg.UserClass{}, Chats: []tg.ChatClass{}, Date: date,
	}}
}
