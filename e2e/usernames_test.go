package e2e_test

import (
	"strings"
	"testing"

	"persona/emulator"
)

// TestUsernamesList: a contact with an empty username and a usernames list
// (collectible and extra usernames) is found by any of them, the second time
// from the peer cache without asking Telegram.
func TestUsernamesList(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	carol := w.emu.AddUser(emulator.UserSpec{FirstName: "Carol", Usernames: []string{"carol_nft", "carol_extra"}})
	w.emu.AddContact(w.me.ID, carol.ID)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @carol_extra", Media: media})), "✅ @carol_extra")
	resolves := len(w.emu.Calls("contacts.resolveUsername"))
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @carol_nft", Media: media})), "✅ @carol_nft")
	if n := len(w.emu.Calls("contacts.resolveUsername")) - resolves; n != 0 {
		t.Errorf("@carol_nft was resolved with Telegram %d times; the cache knows her by each of her usernames", n)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, carol.ID); !ok {
		t.Fatal("no personal photo for carol")
	}
}

// TestUsernameMovedToAnotherUser: a username cached a day ago passed to
// someone else; the command goes to its new owner as Telegram says (here a
// stranger, so ❌ not in your contacts), never to the contact who had it.
func TestUsernameMovedToAnotherUser(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	d.stop(t)

	w.emu.SetUsernames(w.alice.ID, "alice_renamed")
	w.emu.SetUsernames(w.eve.ID, "alice")
	w.env = []string{"PERSONA_CLOCK_SKEW=25h"}
	d = w.startDaemon(t)
	uploads := len(w.emu.Calls(uploadMethod))
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @alice"})), "❌")
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media}))
	if !strings.HasPrefix(r.Message, "❌ @alice is not in your contacts") {
		t.Errorf("reply %q, want that the new @alice is not a contact", r.Message)
	}
	for _, ev := range w.emu.Calls(uploadMethod)[uploads:] {
		if ev.Err == nil {
			t.Errorf("a photo call succeeded after the name moved: %+v", ev.Request)
		}
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok {
		t.Error("the reset of the new @alice removed the old one's photo")
	}
}
