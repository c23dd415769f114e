package e2e_test

import (
	"testing"

	"persona/emulator"
)

// TestWatchChangeDuringOutage: a watched contact changes their photo while
// the daemon's connection is down, so the updateUser pushed then is lost
// (it has no pts: no difference brings it back). The check after the
// reconnect tells the change, not the daily check a day later.
func TestWatchChangeDuringOutage(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000))
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"})), "✅")
	for i := 1; ; i++ {
		seq := w.emu.LastSeq()
		w.emu.Disconnect(w.me.ID)
		w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000+i))
		w.waitWatchNotice(t, d, "👁 @alice changed their profile photo", i)
		if lostPush(w, seq) {
			return // the notice came though the push was lost
		}
		if i == 20 {
			// A loaded machine can let the daemon reconnect before every
			// push: the outage this test needs did not happen.
			t.Skip("20 pushes right after a disconnect all arrived; no push was lost to test with")
		}
	}
}

// lostPush reports whether a push after seq to the account failed: it had
// no connection to go to.
func lostPush(w *world, seq int) bool {
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Kind == emulator.EventPush && ev.UserID == w.me.ID && ev.Err != nil {
			return true
		}
	}
	return false
}
