package emulator

import (
	"github.com/gotd/td/tg"
)

// Short forms (core.telegram.org/api/updates, "updateShort*";
// core.telegram.org/constructor/updateShortMessage): Telegram pushes a text
// message of a private chat as updateShortMessage, with user_id the other
// party (the account itself in Saved Messages) and out for one's own, and
// answers one's own messages.sendMessage with updateShortSentMessage: the
// new id, pts, pts_count and date, and no message body. TDLib rebuilds the
// message from the short form (UpdatesManager.cpp, case
// telegram_api::updateShortMessage::ID: from_id = out ? my_id : user_id).
// They are off unless Options.ShortUpdates or SetShortUpdates turns them on.

// SetShortUpdates turns the short forms on or off.
func (e *Emulator) SetShortUpdates(on bool) { e.short.Store(on) }

// pushBody is what goes out for a push: its short form when they are on.
func (e *Emulator) pushBody(u tg.UpdatesClass) tg.UpdatesClass {
	if !e.short.Load() {
		return u
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return shortPush(u)
}

// shortPush is the push as Telegram would send it with short forms on: one
// new text message of a private chat becomes updateShortMessage. Anything
// else (media, several updates, a message sent from the schedule, which the
// short form cannot say) stays as it is. Guarded by Emulator.mu.
func shortPush(u tg.UpdatesClass) tg.UpdatesClass {
	full, ok := u.(*tg.Updates)
	if !ok || len(full.Updates) != 1 {
		return u
	}
	nm, ok := full.Updates[0].(*tg.UpdateNewMessage)
	if !ok {
		return u
	}
	m, ok := nm.Message.(*tg.Message)
	if !ok || m.Media != nil || m.FromScheduled {
		return u
	}
	peer, ok := m.PeerID.(*tg.PeerUser)
	if !ok {
		return u
	}
	s := &tg.UpdateShortMessage{
		Out: m.Out, Silent: m.Silent, ID: m.ID, UserID: peer.UserID, Message: m.Message,
		Pts: nm.Pts, PtsCount: nm.PtsCount, Date: m.Date, Entities: m.Entities,
	}
	if f, ok := m.GetFwdFrom(); ok {
		s.SetFwdFrom(f)
	}
	if h, ok := m.ReplyTo.(*tg.MessageReplyHeader); ok {
		s.SetReplyTo(h)
	}
	s.SetFlags()
	return s
}

// shortSent is the answer to one's own sendMessage with short forms on.
func shortSent(m tg.MessageClass, u *tg.UpdateNewMessage) *tg.UpdateShortSentMessage {
	s := &tg.UpdateShortSentMessage{Out: true, ID: m.GetID(), Pts: u.Pts, PtsCount: u.PtsCount}
	if msg, ok := m.(*tg.Message); ok {
		s.Date = msg.Date
	}
	s.SetFlags()
	return s
}
