package e2e_test

import (
	"bytes"
	"testing"

	"persona/emulator"
)

// TestAnswerLostWithConnection: Telegram acknowledged and did a call, and
// then the connection dropped before its answer came. The daemon asks again
// on the new connection instead of failing the command, and answers once.
// The soak found it: a command failed with "engine forcibly closed".
func TestAnswerLostWithConnection(t *testing.T) {
	t.Parallel()
	for _, method := range []string{uploadMethod, "upload.saveFilePart", "messages.sendMessage"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			w, d := running(t)
			w.emu.DropAnswer(method, 1)
			jpeg, media := photo()
			id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
			wantPrefix(t, w.waitReply(t, d, id), "✅")
			if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
				t.Fatal("no personal photo after the lost answer")
			}
			// Once a later command is answered, the lost call was made again.
			wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
			if r := w.emu.Replies(w.me.ID, id); len(r) != 1 {
				t.Fatalf("%d replies to the command", len(r))
			}
			if n := len(w.emu.Calls(method)); n < 2 {
				t.Fatalf("%d %s calls: the answer was never lost, or the call never repeated", n, method)
			}
		})
	}
}
