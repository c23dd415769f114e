package e2e_test

import (
	"testing"
	"time"

	"persona/emulator"
)

// TestReminderRunsWhenItFires: a command written as a reminder (a
// scheduled message in Saved Messages) is not run when it is scheduled
// (updateNewScheduledMessage), but once when it fires, as a new message
// with from_scheduled; also when it fired while the daemon was stopped
// (updates.getDifference).
func TestReminderRunsWhenItFires(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	d := w.startDaemon(t)
	at := time.Now().Add(time.Hour)
	if _, err := w.emu.Schedule(w.me.ID, emulator.Message{Text: "/status"}, at); err != nil {
		t.Fatal(err)
	}
	// Updates come in order: once the later command is answered, the
	// scheduled one has reached the daemon too.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/help"})), "✅")
	if n := len(w.emu.SavedMessages(w.me.ID)); n != 2 {
		t.Fatalf("Saved Messages hold %d messages after a reminder was scheduled, want the /help and its answer", n)
	}

	fired := w.emu.SendScheduled(at)
	if len(fired) != 1 {
		t.Fatalf("the reminder did not fire: %v", fired)
	}
	wantPrefix(t, w.waitReply(t, d, fired[0]), "✅")

	d.stop(t)
	later := at.Add(time.Hour)
	if _, err := w.emu.Schedule(w.me.ID, emulator.Message{Text: "/help"}, later); err != nil {
		t.Fatal(err)
	}
	fired = w.emu.SendScheduled(later)
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, fired[0]), "✅")
	d.stop(t)
}
