package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"persona/emulator"
)

// TestDifferenceTooLong: 30 commands written while the daemon was stopped,
// more than Telegram keeps for it (updates.differenceTooLong): the daemon
// reads Saved Messages back and answers every one once.
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
	for _, id := range ids {
		wantPrefix(t, w.waitReply(t, d, id), "✅")
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

// TestDifferenceTooLongBeforeAnyCommand: a daemon that has run no command
// yet still catches up after updates.differenceTooLong: it reads Saved
// Messages back to the newest message there at its first start, answers
// every command written while it was stopped once, and leaves
// alone what was written before it ever ran.
func TestDifferenceTooLongBeforeAnyCommand(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{tooLong: 10})
	old := w.post(t, emulator.Message{Text: "/help"}) // last year's, before Persona
	w.mustLogin(t)
	d := w.startDaemon(t)
	d.stop(t)

	var ids []int
	for i := range 12 {
		ids = append(ids, w.post(t, emulator.Message{Text: "/help"}))
		w.post(t, emulator.Message{Text: fmt.Sprintf("a note %d, not a command", i)})
	}
	seq := w.emu.LastSeq()
	d = w.startDaemon(t)
	for _, id := range ids {
		wantPrefix(t, w.waitReply(t, d, id), "✅")
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
	w.unanswered(t, old)
	if !strings.Contains(d.log(), `"msg":"Caught up from the history","after_msg_id":`+fmt.Sprint(old)) {
		t.Errorf("the catch-up did not read back to the floor of the first start, message %d:\n%s", old, d.log())
	}
}
