package emulator

import (
	"sort"

	"github.com/gotd/td/tg"
)

// updateUser tells a viewer that a user changed: their photo, their name,
// their account deleted, or a personal photo the viewer set for them from
// another app. It carries only the id: "the full user must be invalidated"
// (core.telegram.org/constructor/updateUser), and TDLib answers it by
// reloading the user (UpdatesManager.cpp, on_update updateUser →
// UserManager::invalidate_user_full); the user object in the container is
// how the viewer sees them now. It has no pts: Telegram sends it in an
// updates container with seq 0 (core.telegram.org/api/updates).
func (w *world) userUpdate(viewer, userID int64, date int, skip int64) push {
	return push{
		userID: viewer,
		skip:   skip,
		updates: &tg.Updates{
			Updates: []tg.UpdateClass{&tg.UpdateUser{UserID: userID}},
			Users:   w.tgUsers(viewer, userID, viewer),
			Chats:   []tg.ChatClass{},
			Date:    date,
		},
	}
}

// watchers are the accounts that see a user change: those who have them
// as a contact. Telegram also tells people who share a chat, which the
// emulator's accounts do not need.
func (w *world) watchers(userID int64) []int64 {
	var ids []int64
	for id, u := range w.users {
		if u.account && u.contacts[userID] {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// userChanged is the updateUser for each account that has userID as a
// contact, after the user changed their own profile.
func (w *world) userChanged(userID int64, date int) []push {
	var pushes []push
	for _, viewer := range w.watchers(userID) {
		pushes = append(pushes, w.userUpdate(viewer, userID, date, 0))
	}
	return pushes
}

// DeleteAccount deletes the user's account as Telegram does when they
// delete it themselves: they become "Deleted Account", with no name,
// username, phone or photo (core.telegram.org/constructor/user: deleted),
// and everyone who has them as a contact gets updateUser.
func (e *Emulator) DeleteAccount(userID int64) {
	e.changeUser(userID, func(u *user) { u.deleted = true })
}

// changeUser applies a change a user makes to their own profile, then
// sends updateUser to everyone who has them as a contact.
func (e *Emulator) changeUser(userID int64, change func(u *user)) {
	e.mu.Lock()
	u := e.world.users[userID]
	if u == nil {
		e.mu.Unlock()
		return
	}
	change(u)
	pushes := e.world.userChanged(userID, int(e.now().Unix()))
	e.mu.Unlock()
	e.deliver(pushes)
}

// userChangedForOwner tells the caller's other sessions that a personal
// photo it set or removed changed the contact: the caller learns it from
// the answer (photos.photo with the users), its other apps by updateUser,
// as a phone sees a personal photo set on the desktop.
func (c *call) userChangedForOwner(contact int64) {
	c.pushes = append(c.pushes, c.e.world.userUpdate(c.userID, contact, int(c.e.now().Unix()), c.session.ID))
}
