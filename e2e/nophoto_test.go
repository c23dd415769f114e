package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"persona/emulator"
)

// TestNoPersonalPhotoFor: the account itself (by phone and by id), a bot
// and a deleted account are refused in plain words, without asking Telegram
// to set or suggest anything, as TDLib refuses them.
func TestNoPersonalPhotoFor(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	bot := w.emu.AddUser(emulator.UserSpec{FirstName: "Helper", Username: "helper_bot", Bot: true})
	w.emu.AddContact(w.me.ID, bot.ID)
	gone := w.emu.AddUser(emulator.UserSpec{FirstName: "Gone", Deleted: true})
	w.emu.AddContact(w.me.ID, gone.ID)
	_, media := photo()
	for _, tt := range []struct{ cmd, want string }{
		{"/setphoto @helper_bot", "❌ @helper_bot is a bot"},
		{"/suggest @helper_bot", "❌ @helper_bot is a bot"},
		{"/setphoto " + phone, "❌ " + phone + " is you"},
		{fmt.Sprintf("/setphoto %d", w.me.ID), fmt.Sprintf("❌ id %d is you", w.me.ID)},
		{fmt.Sprintf("/setphoto %d", gone.ID), fmt.Sprintf("❌ id %d is a deleted account", gone.ID)},
	} {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.cmd, Media: media}))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: %q, want %q…", tt.cmd, r.Message, tt.want)
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("%d %s calls; the refusals must not ask Telegram", n, uploadMethod)
	}
}

// TestSuggestToNonContact: Telegram takes a suggestion to someone who is
// not a contact when they share a chat; to a stranger with no chat the
// reply says so in plain words.
func TestSuggestToNonContact(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	if _, err := w.emu.Deliver(w.eve.ID, w.me.ID, emulator.Message{Text: "hi, it's Eve"}); err != nil {
		t.Fatal(err)
	}
	w.emu.AddUser(emulator.UserSpec{FirstName: "Stranger", Username: "stranger"})
	_, media := photo()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/suggest @eve", Media: media}))
	wantPrefix(t, r, "✅ @eve: photo suggested")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/suggest @stranger", Media: media}))
	if want := "❌ @stranger is not in your contacts and shares no chat with you"; !strings.HasPrefix(r.Message, want) {
		t.Errorf("suggestion to a stranger: %q, want %q…", r.Message, want)
	}
}
