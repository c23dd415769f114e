package e2e_test

import (
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestCommandsInChatsIgnored: commands written in a basic group, a
// supergroup or a channel are not commands, whoever wrote them, the owner
// included: no reply anywhere, no uploadContactProfilePhoto.
func TestCommandsInChatsIgnored(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	group := w.emu.AddChat(emulator.ChatSpec{Title: "friends", Members: []int64{w.me.ID, w.alice.ID, w.eve.ID}})
	super := w.emu.AddChat(emulator.ChatSpec{Title: "club", Kind: emulator.Supergroup, Members: []int64{w.me.ID, w.alice.ID, w.eve.ID}})
	channel := w.emu.AddChat(emulator.ChatSpec{Title: "news", Kind: emulator.Channel, Members: []int64{w.me.ID, w.eve.ID}})

	seq := w.emu.LastSeq()
	posts := []chatPost{
		{group, w.me, emulator.Message{Text: "/setphoto @alice", Media: media}},
		{group, w.me, emulator.Message{Text: "/list"}},
		{group, w.eve, emulator.Message{Text: "/setphoto @bob", Media: media}},
		{super, w.me, emulator.Message{Text: "/setphoto @alice", Media: media}},
		{super, w.alice, emulator.Message{Text: "/status"}},
		{channel, w.me, emulator.Message{Text: "/setphoto @alice", Media: media}},
		{channel, w.eve, emulator.Message{Text: "/help"}},
	}
	for _, p := range posts {
		if _, err := w.emu.PostToChat(p.chat.ID, p.from.ID, p.msg); err != nil {
			t.Fatal(err)
		}
	}
	// The daemon did hear of them: the group's messages come in the same
	// sequence as Saved Messages, so the /status below is read after them;
	// each channel's are read by getChannelDifference, on its own.
	for _, ch := range []emulator.Chat{super, channel} {
		waitChannelRead(t, w, d, seq, ch)
	}
	status := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, status), "✅")
	d.stop(t) // nothing more can be written: count

	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("commands in chats caused %d %s calls", n, uploadMethod)
	}
	if n := len(w.emu.Calls("messages.sendMessage")); n != 1 {
		t.Errorf("%d messages sent, want only the answer to /status", n)
	}
	for _, ch := range []emulator.Chat{group, super, channel} {
		if h := w.emu.ChatHistory(w.me.ID, ch.ID); len(h) != countIn(posts, ch) {
			t.Errorf("%s has %d messages, want the %d posted", ch.Title, len(h), countIn(posts, ch))
		}
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Error("a command in a chat set a personal photo")
	}
}

// chatPost is a message someone writes into a group or channel.
type chatPost struct {
	chat emulator.Chat
	from emulator.User
	msg  emulator.Message
}

func countIn(posts []chatPost, ch emulator.Chat) int {
	n := 0
	for _, p := range posts {
		if p.chat.ID == ch.ID {
			n++
		}
	}
	return n
}

// waitChannelRead waits for the daemon to read the channel's messages.
func waitChannelRead(t *testing.T, w *world, d *daemon, seq int, ch emulator.Chat) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	_, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool {
		req, ok := ev.Request.(*tg.UpdatesGetChannelDifferenceRequest)
		if !ok || ev.Err != nil || ev.UserID != w.me.ID {
			return false
		}
		in, ok := req.Channel.(*tg.InputChannel)
		return ok && in.ChannelID == ch.ID
	})
	if err != nil {
		t.Fatalf("the daemon never read %s\ndaemon log:\n%s", ch.Title, d.log())
	}
}
