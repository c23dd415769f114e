package e2e_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

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

// TestRandomIDDuplicate: Telegram answers a reply sent again with the same
// random_id RANDOM_ID_DUPLICATE when the first send arrived but its answer
// was lost. That is success: the command has its one reply, no ❌.
func TestRandomIDDuplicate(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	var mu sync.Mutex
	sent := map[int64]bool{}
	defer w.emu.Refuse("messages.sendMessage", func(req bin.Object) bool {
		m, ok := req.(*tg.MessagesSendMessageRequest)
		if !ok {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		again := sent[m.RandomID]
		sent[m.RandomID] = true
		return again
	}, tgerr.New(400, "RANDOM_ID_DUPLICATE"))()
	w.emu.DropAnswer("messages.sendMessage", 1)
	id := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	// The reply is on screen, but its answer was lost: the daemon sends it
	// again and hears RANDOM_ID_DUPLICATE. /help may be answered before
	// that (it runs beside /status), so the test waits for the refusal
	// itself, not for a later command.
	ctx, cancel := patience(t)
	defer cancel()
	if _, err := w.emu.WaitEvent(ctx, 0, func(ev emulator.Event) bool {
		return ev.Method == "messages.sendMessage" && ev.Err != nil && ev.Err.Type == "RANDOM_ID_DUPLICATE"
	}); err != nil {
		t.Fatalf("the reply was never sent again: the test did not test RANDOM_ID_DUPLICATE\n%s", d.log())
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/help"})), "✅")
	d.stop(t)
	if strings.Contains(d.log(), "will retry") || strings.Contains(d.log(), `"level":"error"`) {
		t.Errorf("RANDOM_ID_DUPLICATE was taken for a failure:\n%s", d.log())
	}
}
