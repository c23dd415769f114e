package e2e_test

import (
	"testing"
	"time"

	"persona/emulator"
)

// TestRestartAsksStateBesideLogin: a daemon with a stored update state
// asks Telegram for the server's (claimDatabase's check that the server
// did not start over) while its login check is still in flight, not a round
// trip after it; then it serves as ever.
func TestRestartAsksStateBesideLogin(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	d.stop(t)
	seq := w.emu.LastSeq()
	w.emu.Delay("users.getUsers", time.Minute) // the login check's answer waits
	d = w.spawn(t)
	ctx, cancel := patience(t)
	defer cancel()
	if err := w.emu.WaitHeld(ctx, "users.getUsers", 0); err != nil {
		t.Fatalf("no login check: %v\n%s", err, d.log())
	}
	if _, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool { return ev.Method == "updates.getState" }); err != nil {
		t.Fatalf("updates.getState was not asked while the login check was in flight: %v\n%s", err, d.log())
	}
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Method == "users.getUsers" {
			t.Fatalf("the login check was answered before updates.getState: the test did not hold it")
		}
	}
	d.stop(t)
	w.emu.Delay("users.getUsers", 0)
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
}
