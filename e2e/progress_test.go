package e2e_test

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestProgress: a slow upload of a 10 MiB video shows `⏳ uploading x/10.0
// MiB` in the reply, edited at most about once a second, and the same
// message ends as the final ✅.
func TestProgress(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	mp4 := emulator.MP4(720, 720, 5, 10<<20)
	w.emu.Delay("upload.saveBigFilePart", 500*time.Millisecond)
	w.emu.Delay("upload.saveFilePart", 500*time.Millisecond)
	seq := w.emu.LastSeq()
	start := time.Now()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Video(mp4, 720, 720, 5)})
	r := w.waitReplyWithin(t, d, id, 60*time.Second)
	took := time.Since(start)
	wantPrefix(t, r, "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, mp4) {
		t.Fatal("the video was not set byte for byte")
	}

	progress := regexp.MustCompile(`^⏳ uploading \d+\.\d/10\.0 MiB$`)
	var shown []string
	for _, ev := range w.emu.Events()[seq:] {
		if ev.Kind != emulator.EventRPC || ev.Err != nil {
			continue
		}
		switch req := ev.Request.(type) {
		case *tg.MessagesSendMessageRequest:
			shown = append(shown, req.Message)
		case *tg.MessagesEditMessageRequest:
			shown = append(shown, req.Message)
			if req.ID != r.ID {
				t.Errorf("edited message %d, want the reply %d", req.ID, r.ID)
			}
		}
	}
	if len(shown) < 3 {
		t.Fatalf("want a progress message, an edit and the final answer; got %q (took %s)", shown, took)
	}
	for _, text := range shown[:len(shown)-1] {
		if !progress.MatchString(text) {
			t.Errorf("progress text %q, want like ⏳ uploading 4.2/10.0 MiB", text)
		}
	}
	if max := int(took/time.Second) + 2; len(shown) > max {
		t.Errorf("%d reply changes in %s: more than about one a second", len(shown), took.Round(time.Millisecond))
	}
	if n := len(w.emu.Replies(w.me.ID, id)); n != 1 {
		t.Errorf("%d replies, want the one edited", n)
	}
}
