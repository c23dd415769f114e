package e2e_test

import (
	"bytes"
	"strings"
	"testing"

	"persona/emulator"
)

// TestTelegramLimits: a profile video is MPEG4, square, 160 to 1280 px, at
// most 10 s and 2 MB; a photo at most 10 MB. What the message already says
// is refused before a byte is downloaded, naming the rule and the media's
// own values; a 1280×1280 clip is fine.
func TestTelegramLimits(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	big := emulator.MP4(720, 720, 5, 3<<20)
	tests := []struct {
		name  string
		media *emulator.Media
		want  string
	}{
		{"3 MB video", emulator.Video(big, 720, 720, 5), "❌ video is 3.0 MB; a profile video must be at most 2 MB"},
		{"100 px video", emulator.Video(emulator.MP4(100, 100, 5, 1000), 100, 100, 5), "❌ video is 100×100; a profile video must be 160 to 1280 px a side"},
		{"11 MB image", emulator.ImageFile(bytes.Repeat([]byte{0x89}, 11<<20), "image/png", "huge.png"), "❌ image is 11.0 MB; Telegram takes profile photos of at most 10 MB"},
	}
	downloads := len(w.emu.Calls("upload.getFile"))
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: tt.media}))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, r.Message, tt.want)
		}
	}
	if n := len(w.emu.Calls("upload.getFile")) - downloads; n != 0 {
		t.Errorf("%d upload.getFile calls for media the message already showed too big", n)
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("%d %s calls for refused media", n, uploadMethod)
	}

	clip := emulator.MP4(1280, 1280, 5, 1000)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Video(clip, 1280, 1280, 5)})), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, clip) {
		t.Fatal("the 1280×1280 clip was not set")
	}
}
