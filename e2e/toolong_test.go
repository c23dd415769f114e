package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"persona/emulator"
)

// TestDifferenceTooLong: 30 commands written while the daemon was stopped,
// more than Telegram keeps for it (updates.differenceTooLong): the daemon
// reads Saved Messages back and answers every one once, oldest first.
func TestDifferenceTooLong(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{tooLong: 10})
	w.mustLogin(t)
	d := w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	var ids []int
	for i := range 30 {
		text := "/help"
		if i%3 == 0 {
			text = "/status"
		}
		ids = append(ids, w.post(t, emulator.Message{Text: text}))
		w.post(t, emulator.Message{Text: fmt.Sprintf("a note %d, not a command", i)})
	}
	seq := w.emu.LastSeq()
	d = w.startDaemon(t)
	var replyIDs []int
	for _, id := range ids {
		r := w.waitReply(t, d, id)
		wantPrefix(t, r, "✅")
		replyIDs = append(replyIDs, r.ID)
	}
	for i := 1; i < len(replyIDs); i++ {
		if replyIDs[i] < replyIDs[i-1] {
			t.Errorf("command %d was answered before command %d", ids[i], ids[i-1])
		}
	}
	tooLong := false
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Method == "updates.getDifference" && strings.Contains(fmt.Sprintf("%T", ev.Result), "TooLong") {
			tooLong = true
		}
	}
	if !tooLong {
		t.Fatal("the emulator never answered updates.differenceTooLong: the test did not test the catch-up")
	}
	d.stop(t)
	if !strings.Contains(d.log(), `"msg":"Caught up from the history"`) {
		t.Errorf("no catch-up in the log:\n%s", d.log())
	}
}
