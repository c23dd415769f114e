package e2e_test

import (
	"testing"

	"persona/emulator"
)

// TestNewContactsReadOnce: commands written while the daemon was stopped,
// for five contacts it has never seen, cost one contacts.getContacts and
// no contacts.resolveUsername, which Telegram limits hard
// (docs/ARCHITECTURE.md, "A username is resolved once"), and each sets its
// contact's photo.
func TestNewContactsReadOnce(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	users := w.addContacts(5)
	d.stop(t)
	ids := make([]int, 0, len(users))
	for i, u := range users {
		ids = append(ids, w.post(t, emulator.Message{Text: "/setphoto @" + u.Username, Media: emulator.Photo(emulator.JPEG(64, 64, i))}))
	}
	d = w.startDaemon(t)
	for _, id := range ids {
		wantPrefix(t, w.waitReply(t, d, id), "✅")
	}
	d.stop(t)
	for _, u := range users {
		if _, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); !ok {
			t.Errorf("@%s has no personal photo", u.Username)
		}
	}
	if n := len(w.emu.Calls("contacts.resolveUsername")); n != 0 {
		t.Errorf("%d contacts.resolveUsername, want none: the contact list knows them all", n)
	}
	if n := len(w.emu.Calls("contacts.getContacts")); n != 1 {
		t.Errorf("%d contacts.getContacts, want 1 shared by the five commands", n)
	}
}
