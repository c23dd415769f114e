package e2e_test

import (
	"strings"
	"testing"

	"persona/emulator"
)

// TestBurst: 50 commands written at once are each answered exactly once,
// those about @alice in the order written (the others may overtake them),
// without provoking a single FLOOD_WAIT. The emulator holds
// messages.sendMessage to 30 a second after a burst of 40: the budget the
// daemon's client-side limiter claims (30 a second), with room for timing
// jitter. It proves the limiter keeps the daemon within its budget, not
// that the budget is Telegram's, which Telegram does not publish.
func TestBurst(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Limit("messages.sendMessage", 30, 40)
	_, media := photo()
	cycle := []emulator.Message{
		{Text: "/status"},
		{Text: "/setphoto @alice", Media: media},
		{Text: "/help reset"},
		{Text: "/reset @alice"},
		{Text: "/history @alice"},
	}
	ids := make([]int, 50)
	for i := range ids {
		ids[i] = w.post(t, cycle[i%len(cycle)])
	}

	eventually(t, func() bool { return allAnswered(w, ids) }, func() string {
		return "not all 50 commands answered\ndaemon log:\n" + d.log()
	})
	d.stop(t) // no second answer can come any more
	last := 0
	for i, id := range ids {
		r := w.emu.Replies(w.me.ID, id)
		if len(r) != 1 {
			t.Fatalf("command %d (%q) has %d replies: %q", i, cycle[i%len(cycle)].Text, len(r), texts(r))
		}
		checkReplyHeader(t, r[0], id)
		if strings.Contains(cycle[i%len(cycle)].Text, "@alice") {
			if r[0].ID < last {
				t.Errorf("command %d answered before the one about @alice written before it", i)
			}
			last = r[0].ID
		}
		if strings.HasPrefix(cycle[i%len(cycle)].Text, "/setphoto") || strings.HasPrefix(cycle[i%len(cycle)].Text, "/reset") {
			wantPrefix(t, r[0], "✅")
		}
	}
	for _, ev := range w.emu.Events() {
		if ev.Kind == emulator.EventRPC && ev.Err != nil && ev.Err.Type == "FLOOD_WAIT" {
			t.Errorf("%s provoked FLOOD_WAIT_%d", ev.Method, ev.Err.Argument)
		}
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Error("@alice has a photo, yet the last of her commands was a reset")
	}
}

func allAnswered(w *world, ids []int) bool {
	for _, id := range ids {
		if len(w.emu.Replies(w.me.ID, id)) == 0 {
			return false
		}
	}
	return true
}
