package e2e_test

import (
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestIgnored: what is not the owner's own fresh command gets no reply and
// no uploadContactProfilePhoto call.
func TestIgnored(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()

	// An incoming command from a stranger lands in the chat with them, and
	// the account's copy of it is incoming: neither is a command.
	fromEve, err := w.emu.Deliver(w.eve.ID, w.me.ID, emulator.Message{Text: "/setphoto @alice", Media: media})
	if err != nil {
		t.Fatal(err)
	}
	// A contact's message into the account's chat with them.
	if _, err := w.emu.Deliver(w.alice.ID, w.me.ID, emulator.Message{Text: "/reset @bob"}); err != nil {
		t.Fatal(err)
	}
	// The account writing a command into someone else's chat.
	if _, err := w.emu.Deliver(w.me.ID, w.bob.ID, emulator.Message{Text: "/setphoto @alice", Media: media}); err != nil {
		t.Fatal(err)
	}
	ignored := []int{
		w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media, ForwardFrom: w.eve.ID}),
		w.post(t, emulator.Message{Text: "setphoto @alice", Media: media}),
		w.post(t, emulator.Message{Text: "remember to /setphoto @alice", Media: media}),
		w.post(t, emulator.Message{Text: " /setphoto @alice", Media: media}),
		w.post(t, emulator.Message{Media: media}),
	}
	// A command that is answered, then edited into another command.
	list := w.post(t, emulator.Message{Text: "/list"})
	wantPrefix(t, w.waitReply(t, d, list), "✅")
	if err := w.emu.Edit(w.me.ID, list, "/setphoto @alice"); err != nil {
		t.Fatal(err)
	}
	// A fresh command proves the daemon is still reading: everything above
	// came before it and was passed over by then.
	status := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, status), "✅")

	// Stopped, the daemon cannot answer anything any more.
	d.stop(t)
	w.unanswered(t, append(ignored, fromEve)...)
	if r := w.emu.Replies(w.me.ID, list); len(r) != 1 {
		t.Errorf("edited command has %d replies, want its first one only: %q", len(r), texts(r))
	}
	for _, c := range []emulator.User{w.eve, w.alice, w.bob} {
		for _, m := range w.emu.History(w.me.ID, c.ID) {
			if msg, ok := m.(*tg.Message); ok && msg.Out && msg.ReplyTo != nil {
				t.Errorf("Persona wrote %q into the chat with @%s", msg.Message, c.Username)
			}
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Fatalf("ignored messages caused %d %s calls", n, uploadMethod)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Fatal("an ignored message set a personal photo")
	}
}

// TestOwnRepliesNotAnswered: after a mix of commands, no message that
// Persona wrote has a reply of its own, and each command has exactly one.
func TestOwnRepliesNotAnswered(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	var commands []int
	for _, m := range []emulator.Message{
		{Text: "/help"},
		{Text: "/setphoto @alice", Media: media},
		{Text: "/setphoto @eve", Media: media},
		{Text: "/list"},
		{Text: "/frobnicate"},
		{Text: "/status"},
	} {
		id := w.post(t, m)
		w.waitReply(t, d, id)
		commands = append(commands, id)
	}
	d.stop(t) // nothing more can be written: count

	isCommand := map[int]bool{}
	for _, id := range commands {
		isCommand[id] = true
	}
	replies := 0
	for _, m := range w.emu.SavedMessages(w.me.ID) {
		msg, ok := m.(*tg.Message)
		if !ok || msg.ReplyTo == nil {
			continue
		}
		h := msg.ReplyTo.(*tg.MessageReplyHeader)
		if !isCommand[h.ReplyToMsgID] {
			t.Errorf("message %d %q replies to %d, which is not a command", msg.ID, msg.Message, h.ReplyToMsgID)
			continue
		}
		replies++
		if r := w.emu.Replies(w.me.ID, msg.ID); len(r) != 0 {
			t.Errorf("Persona answered its own reply %q with %q", msg.Message, texts(r))
		}
		if len(msg.Message) > 0 && msg.Message[0] == '/' {
			t.Errorf("reply %q begins with the prefix", msg.Message)
		}
	}
	if replies != len(commands) {
		t.Fatalf("%d replies to %d commands", replies, len(commands))
	}
}
