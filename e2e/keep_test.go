package e2e_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"persona/emulator"
)

// TestKeep: /keep copies one of their own photos, the current one or the
// N-th, byte for byte from its largest size; /undo and /reset after it.
func TestKeep(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, second, third := emulator.JPEG(640, 640, 1000), emulator.JPEG(800, 800, 3000), emulator.JPEG(1280, 1280, 5000)
	oldest := w.emu.SetProfilePhoto(w.alice.ID, first)
	w.emu.SetProfilePhoto(w.alice.ID, second)
	w.emu.SetProfilePhoto(w.alice.ID, third)

	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @alice"}))
	wantPrefix(t, r, "✅ @alice: personal photo set to their photo of ")
	wantPersonal(t, w, w.alice, third)
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @alice photo=3"}))
	wantPrefix(t, r, "✅")
	wantPersonal(t, w, w.alice, first)

	for text, want := range map[string]string{
		"/keep @alice photo=5": "❌ @alice has 3 profile photos; photo=5 is not one of them: pick photo=1 to photo=3",
		"/keep @bob":           "❌ @bob has no profile photo to keep; /hide @bob shows their initials instead",
	} {
		if r := w.waitReply(t, d, w.post(t, emulator.Message{Text: text})); r.Message != want {
			t.Errorf("%s: reply %q, want %q", text, r.Message, want)
		}
	}
	date := time.Unix(int64(oldest.Date), 0).Format("2006-01-02 15:04")
	for _, text := range []string{"/history @alice", "/list"} {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: text}))
		if line := lineOf(r.Message, "@alice"); !strings.Contains(line, "kept from their photo of "+date) {
			t.Errorf("%s: line %q of %q does not say kept from their photo of %s", text, line, r.Message, date)
		}
	}
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"}))
	wantPrefix(t, r, "✅ @alice: back to their photo of ")
	wantPersonal(t, w, w.alice, third)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @alice"})), "✅")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Fatal("/reset after /keep left a personal photo")
	}
}

func wantPersonal(t *testing.T, w *world, u emulator.User, data []byte) {
	t.Helper()
	pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID)
	if !ok || !bytes.Equal(pp.Data, data) {
		t.Fatalf("@%s: personal photo of %d bytes, want the kept one of %d bytes", u.Username, len(pp.Data), len(data))
	}
}

// TestKeepVideo: a video profile photo stays a video, with its cover frame
// as video_start_ts; /undo goes back to it.
func TestKeepVideo(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	clip := emulator.MP4(640, 640, 4, 8192)
	w.emu.SetProfileVideo(w.bob.ID, clip, emulator.JPEG(640, 640, 0), 2.5)
	w.emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(640, 640, 100))

	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @bob photo=2"}))
	wantPrefix(t, r, "✅ @bob: personal photo set to their video of ")
	checkKeptVideo(t, w, clip)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @bob"})), "✅")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @bob"})), "✅")
	checkKeptVideo(t, w, clip)
	reqs := w.uploads(t)
	if last := reqs[len(reqs)-1]; last.Video == nil || last.File != nil {
		t.Fatalf("the last upload has video=%v file=%v; want a video", last.Video != nil, last.File != nil)
	}
}

func checkKeptVideo(t *testing.T, w *world, clip []byte) {
	t.Helper()
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID)
	if !ok || pp.Kind != "video" || !bytes.Equal(pp.Data, clip) {
		t.Fatalf("personal photo %q of %d bytes, want the video of %d bytes", pp.Kind, len(pp.Data), len(clip))
	}
	if !pp.HasStartTS || pp.StartTS != 2.5 {
		t.Fatalf("video_start_ts %v (set %v), want 2.5", pp.StartTS, pp.HasStartTS)
	}
}
