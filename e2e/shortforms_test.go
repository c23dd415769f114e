package e2e_test

import (
	"slices"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestShortForms: with Telegram's short forms (docs/ARCHITECTURE.md, "Short
// updates carry messages too"), a text command from another device comes as updateShortMessage and is
// answered; the daemon's own text replies are answered with
// updateShortSentMessage, and the progress of a /setphoto is edited into
// the ⏳ reply whose id came from it; a text command that replies to a
// photo still finds the photo.
func TestShortForms(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetShortUpdates(true)
	seq := w.emu.LastSeq()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/help"})), "✅")
	var pushedShort, sentShort bool
	for _, ev := range w.emu.EventsAfter(seq) {
		switch ev.Result.(type) {
		case *tg.UpdateShortMessage:
			pushedShort = pushedShort || ev.Kind == emulator.EventPush
		case *tg.UpdateShortSentMessage:
			sentShort = sentShort || ev.Method == "messages.sendMessage"
		}
	}
	if !pushedShort || !sentShort {
		t.Fatalf("the emulator did not use the short forms: pushed updateShortMessage %v, answered updateShortSentMessage %v", pushedShort, sentShort)
	}

	t.Run("progress edits the reply", func(t *testing.T) {
		file := pngFile(10 << 20)
		media := file.make(slices.Clone(file.base))
		w.emu.Delay("upload.saveFilePart", 1200*time.Millisecond)
		seq := w.emu.LastSeq()
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media}))
		wantPrefix(t, r, "✅")
		edits := 0
		for _, ev := range w.emu.EventsAfter(seq) {
			if req, ok := ev.Request.(*tg.MessagesEditMessageRequest); ok && ev.Kind == emulator.EventRPC {
				edits++
				// MESSAGE_NOT_MODIFIED: a progress text shown twice, on a slow machine.
				if req.ID != r.ID || (ev.Err != nil && ev.Err.Type != "MESSAGE_NOT_MODIFIED") {
					t.Errorf("edited message %d (%v), want the reply %d", req.ID, ev.Err, r.ID)
				}
			}
		}
		if edits == 0 {
			t.Error("the progress was never edited into the reply")
		}
	})

	t.Run("a command replying to a photo", func(t *testing.T) {
		_, m := photo()
		pic := w.post(t, emulator.Message{Media: m})
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", ReplyTo: pic}))
		wantPrefix(t, r, "✅")
	})
}
