package e2e_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestHistoryReapply: /history lists every photo with its kind, source
// message, options and date, newest first; /setphoto replying to that
// answer, quoting one line, sets that photo again, with the frame= it was
// set with unless the command gives its own.
func TestHistoryReapply(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, last := emulator.JPEG(640, 640, 1000), emulator.JPEG(720, 720, 1000)
	clip := emulator.MP4(720, 720, 5, 1000)
	var src []int // the source message of each set, oldest first
	for _, m := range []emulator.Message{
		{Text: "/setphoto @alice", Media: emulator.Photo(first)},
		{Text: "/setphoto @alice frame=2.5", Media: emulator.Video(clip, 720, 720, 5)},
		{Text: "/setphoto @alice", Media: emulator.Photo(last)},
	} {
		id := w.post(t, m)
		wantPrefix(t, w.waitReply(t, d, id), "✅")
		src = append(src, id)
	}
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	date := `set \d{4}-\d\d-\d\d \d\d:\d\d \S+`
	for i, want := range []string{
		`^✅ personal photos of @alice, newest first$`,
		fmt.Sprintf(`^• now: photo from message %d, %s$`, src[2], date),
		fmt.Sprintf(`^• 1: video from message %d \(frame=2\.5\), %s$`, src[1], date),
		fmt.Sprintf(`^• 2: photo from message %d, %s$`, src[0], date),
	} {
		lines := strings.Split(hist.Message, "\n")
		if len(lines) != 4 || !regexp.MustCompile(want).MatchString(lines[i]) {
			t.Fatalf("/history line %d does not match %s:\n%s", i, want, hist.Message)
		}
	}
	quote := func(n int) string { return fmt.Sprintf("%d: video from message %d", n, src[1]) }

	tests := []struct {
		name, text, quote string
		user              emulator.User
		want              []byte
		startTS           float64 // for the video
	}{
		{"the options it was set with", "/setphoto @bob", quote(1), w.bob, clip, 2.5},
		{"the command's own frame wins", "/setphoto @bob frame=1", quote(1), w.bob, clip, 1},
		{"an older photo for the same contact", "/setphoto @alice", fmt.Sprintf("photo from message %d,", src[0]), w.alice, first, 0},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text, ReplyTo: hist.ID, Quote: tt.quote}))
		if !strings.HasPrefix(r.Message, "✅") {
			t.Fatalf("%s: reply %q", tt.name, r.Message)
		}
		pp, ok := w.emu.PersonalPhoto(w.me.ID, tt.user.ID)
		if !ok || !bytes.Equal(pp.Data, tt.want) || pp.StartTS != tt.startTS {
			t.Fatalf("%s: @%s has %s of %d bytes from %v, want %d bytes from %v", tt.name, tt.user.Username, pp.Kind, len(pp.Data), pp.StartTS, len(tt.want), tt.startTS)
		}
	}
	// The re-applied photo is recorded with its real source, so it can be
	// re-applied and undone in turn.
	hist2 := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if !strings.Contains(hist2.Message, fmt.Sprintf("• now: photo from message %d,", src[0])) {
		t.Errorf("/history after the re-apply:\n%s", hist2.Message)
	}

	// Without a quote, an answer listing several photos is a question.
	calls := len(w.uploads(t))
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", ReplyTo: hist.ID}))
	if !strings.HasPrefix(r.Message, "❌ the /history answer lists 3 photos; which one?") {
		t.Errorf("reply to /history without a quote: %q", r.Message)
	}
	if n := len(w.uploads(t)); n != calls {
		t.Errorf("the question made %d %s calls", n-calls, uploadMethod)
	}
}

// TestUndoKeepsOptions: /undo (and so a timer) sets an earlier sticker
// again on its bg= colours and an earlier video from its frame=, not on
// the defaults.
func TestUndoKeepsOptions(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	set := w.emu.AddStickerSet("undo_pack")
	sticker := emulator.Sticker([]byte("\x1f\x8b\x08\x00tgs"), set, "😀", "application/x-tgsticker")
	clip := emulator.MP4(720, 720, 5, 1000)
	_, photoMedia := photo()
	for _, m := range []emulator.Message{
		{Text: "/setphoto @alice bg=#112233,#445566", Media: sticker},
		{Text: "/setphoto @bob frame=3", Media: emulator.Video(clip, 720, 720, 5)},
		{Text: "/setphoto @alice @bob", Media: photoMedia},
		{Text: "/undo @alice @bob"},
	} {
		wantPrefix(t, w.waitReply(t, d, w.post(t, m)), "✅")
	}
	pp, _ := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if sm, ok := pp.Markup.(*tg.VideoSizeStickerMarkup); !ok || !slices.Equal(sm.BackgroundColors, []int{0x112233, 0x445566}) {
		t.Errorf("after /undo @alice has %s with markup %+v, want the sticker on #112233,#445566", pp.Kind, pp.Markup)
	}
	pp, _ = w.emu.PersonalPhoto(w.me.ID, w.bob.ID)
	if pp.Kind != "video" || !pp.HasStartTS || pp.StartTS != 3 {
		t.Errorf("after /undo @bob has %s starting at %v (set %v), want the video from frame 3", pp.Kind, pp.StartTS, pp.HasStartTS)
	}
}
