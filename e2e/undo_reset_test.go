package e2e_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"persona/emulator"
)

// TestUndoAfterReset: a reset is a step of the history. /undo right after
// /reset brings back the photo it removed, byte for byte, with one upload;
// a second /undo goes one step further back, with one upload too; /history
// shows the reset between the photos.
func TestUndoAfterReset(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, second := emulator.JPEG(640, 640, 1000), emulator.JPEG(720, 720, 1000)
	var src []int
	for _, m := range []emulator.Message{
		{Text: "/setphoto @bob", Media: emulator.Photo(first)},
		{Text: "/setphoto @bob", Media: emulator.Photo(second)},
		{Text: "/reset @bob"},
		{Text: "/setphoto @bob", Media: emulator.Photo(first)},
		{Text: "/reset @bob"},
	} {
		id := w.post(t, m)
		wantPrefix(t, w.waitReply(t, d, id), "✅")
		src = append(src, id)
	}
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @bob"}))
	when := `\d{4}-\d\d-\d\d \d\d:\d\d \S+`
	for i, want := range []string{
		`^✅ personal photos of @bob, newest first$`,
		`^• now: none \(reset ` + when + `\)$`,
		fmt.Sprintf(`^• 1: photo from message %d, set %s$`, src[3], when),
		`^• 2: reset ` + when + `$`,
		fmt.Sprintf(`^• 3: photo from message %d, set %s$`, src[1], when),
		fmt.Sprintf(`^• 4: photo from message %d, set %s$`, src[0], when),
	} {
		lines := strings.Split(hist.Message, "\n")
		if len(lines) != 6 || !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Fatalf("/history line %d does not match %s:\n%s", i, want, hist.Message)
		}
	}

	undo := func(want []byte, wantUploads int) {
		t.Helper()
		before := len(w.uploads(t))
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @bob"}))
		wantPrefix(t, r, "✅")
		pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID)
		switch {
		case want == nil && ok:
			t.Fatalf("after %q @bob still has a personal photo", r.Message)
		case want != nil && (!ok || !bytes.Equal(pp.Data, want)):
			t.Fatalf("after %q @bob has %d bytes (set %v), want %d", r.Message, len(pp.Data), ok, len(want))
		}
		if n := len(w.uploads(t)) - before; n != wantUploads {
			t.Fatalf("%q took %d %s calls, want %d", r.Message, n, uploadMethod, wantUploads)
		}
	}
	undo(first, 1)  // the photo the last reset removed
	undo(nil, 1)    // the reset before it
	undo(second, 1) // the photo that reset removed
	undo(first, 1)  // and the first one
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @bob"}))
	if !strings.Contains(r.Message, fmt.Sprintf("• now: photo from message %d,", src[0])) || strings.Contains(r.Message, "• 1:") {
		t.Errorf("/history after walking back:\n%s", r.Message)
	}
}

// TestTimerAfterReset: a timed photo set after a reset ends as /undo
// would: back to no photo, as the reset left it, not to the photo before
// the reset; /undo then brings that one back.
func TestTimerAfterReset(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, timed := emulator.JPEG(640, 640, 1000), emulator.JPEG(700, 700, 1000)
	for _, m := range []emulator.Message{
		{Text: "/setphoto @bob", Media: emulator.Photo(first)},
		{Text: "/reset @bob"},
		{Text: "/setphoto @bob for=1h", Media: emulator.Photo(timed)},
	} {
		wantPrefix(t, w.waitReply(t, d, w.post(t, m)), "✅")
	}
	d.stop(t)

	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	w.waitNotice(t, d, "⏲ @bob: the timer ran out; personal photo removed")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Fatal("@bob has a personal photo after the timer, want none as after the reset")
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @bob"}))
	wantPrefix(t, r, "✅ @bob: back to the photo from ")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || !bytes.Equal(pp.Data, first) {
		t.Fatalf("after %q @bob does not have the first photo again", r.Message)
	}
}
