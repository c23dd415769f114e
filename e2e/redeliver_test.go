package e2e_test

import (
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestRedeliveredCommandRunsOnce: Telegram pushing a command again, with a
// fresh pts, after it was answered, while it runs, or while the daemon is
// stopped, never runs it a second time; nor is a redelivered reply of
// Persona's taken for a command.
func TestRedeliveredCommandRunsOnce(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	redeliver := func(id int) {
		t.Helper()
		if err := w.emu.Redeliver(w.me.ID, id); err != nil {
			t.Fatal(err)
		}
	}

	// After the answer.
	answered := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	reply := w.waitReply(t, d, answered)
	redeliver(answered)
	redeliver(reply.ID)

	// While it runs: the upload is held so the second delivery arrives
	// before the answer.
	w.emu.Delay(uploadMethod, time.Second)
	seq := w.emu.LastSeq()
	running := w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media})
	waitCall(t, w, seq, "upload.saveFilePart", d)
	redeliver(running)
	w.waitReply(t, d, running)
	w.emu.Delay(uploadMethod, 0)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")

	// While stopped: the next start catches up on both deliveries.
	d.stop(t)
	redeliver(answered)
	redeliver(running)
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t) // nothing more can be written: count

	for _, id := range []int{answered, running} {
		if r := w.emu.Replies(w.me.ID, id); len(r) != 1 {
			t.Errorf("command %d has %d replies: %q", id, len(r), texts(r))
		}
	}
	if r := w.emu.Replies(w.me.ID, reply.ID); len(r) != 0 {
		t.Errorf("a redelivered reply was answered: %q", texts(r))
	}
	perUser := map[int64]int{}
	for _, req := range w.uploads(t) {
		if in, ok := req.UserID.(*tg.InputUser); ok {
			perUser[in.UserID]++
		}
	}
	if perUser[w.alice.ID] != 1 || perUser[w.bob.ID] != 1 {
		t.Errorf("%s calls: %d for @alice, %d for @bob; want 1 each", uploadMethod, perUser[w.alice.ID], perUser[w.bob.ID])
	}
}
