package e2e_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestProgress: a slow upload of a 10 MiB image file (the largest taken)
// shows `⏳ uploading x/10.0 MiB` in the reply, edited at most about once a
// second, and the same message ends as the final ✅.
func TestProgress(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	file := pngFile(10 << 20)
	data := slices.Clone(file.base)
	media := file.make(data) // sets the padding chunk's CRC in data
	// Half the file's parts are in flight at once: the first half is in
	// after one delay, which the progress shows, the rest after another.
	w.emu.Delay("upload.saveFilePart", 1200*time.Millisecond)
	seq := w.emu.LastSeq()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, data) {
		t.Fatal("the image was not set byte for byte")
	}

	progress := regexp.MustCompile(`^⏳ uploading \d+\.\d/10\.0 MiB$`)
	var (
		shown       []string
		first, last time.Time // of the changes, as the emulator logged them
	)
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
		default:
			continue
		}
		if first.IsZero() {
			first = ev.Time
		}
		last = ev.Time
	}
	if len(shown) < 2 {
		t.Fatalf("want a progress message and the final answer; got %q", shown)
	}
	for _, text := range shown[:len(shown)-1] {
		if !progress.MatchString(text) {
			t.Errorf("progress text %q, want like ⏳ uploading 4.2/10.0 MiB", text)
		}
	}
	// A lower bound on the time the changes span: a slow machine only
	// spreads them further.
	if span := last.Sub(first); len(shown) > int(span/time.Second)+2 {
		t.Errorf("%d reply changes in %s: more than about one a second", len(shown), span.Round(time.Millisecond))
	}
	if n := len(w.emu.Replies(w.me.ID, id)); n != 1 {
		t.Errorf("%d replies, want the one edited", n)
	}
}

// change is one thing that happened to a reply: sent, or edited.
type change struct {
	text   string
	edited int // the message edited; 0 for a send
}

// replyChanges lists the messages sent and edited since seq, in order.
func replyChanges(w *world, seq int) []change {
	var out []change
	for _, ev := range w.emu.Events()[seq:] {
		if ev.Kind != emulator.EventRPC || ev.Err != nil {
			continue
		}
		switch req := ev.Request.(type) {
		case *tg.MessagesSendMessageRequest:
			out = append(out, change{text: req.Message})
		case *tg.MessagesEditMessageRequest:
			out = append(out, change{text: req.Message, edited: req.ID})
		}
	}
	return out
}

// TestProgressEndsInFailure: when the upload shown in progress fails in
// the end, the same message becomes the ❌.
func TestProgressEndsInFailure(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Delay("upload.saveFilePart", 1200*time.Millisecond)
	w.emu.Fail(uploadMethod, tgerr.New(400, "PHOTO_INVALID"), 1)
	seq := w.emu.LastSeq()
	// 14 parts: ten go at once, so the first ten are in, and shown, a
	// delay before the rest.
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(emulator.JPEG(800, 800, 7<<20))})
	r := w.waitReply(t, d, id)
	if r.Message != "❌ @alice: Telegram refused the image as a profile photo" {
		t.Fatalf("final reply %q", r.Message)
	}
	got := replyChanges(w, seq)
	if len(got) < 2 || !strings.HasPrefix(got[0].text, "⏳ uploading ") || got[0].edited != 0 {
		t.Fatalf("want a ⏳ progress message first, then edits; got %+v", got)
	}
	if last := got[len(got)-1]; last.edited != r.ID || last.text != r.Message {
		t.Errorf("the ❌ is %+v, want an edit of the progress message %d", last, r.ID)
	}
	if n := len(w.emu.Replies(w.me.ID, id)); n != 1 {
		t.Errorf("%d replies, want the one edited", n)
	}
}

// TestNoProgressForSmallMedia: media of 1 MiB or less shows no progress,
// however slow: the reply is sent once, as the final answer.
func TestNoProgressForSmallMedia(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	// The upload is done at once, the command long after: a progress
	// message, were there one, would have been sent meanwhile.
	w.emu.Delay(uploadMethod, 1500*time.Millisecond)
	jpeg := emulator.JPEG(800, 800, 900_000)
	seq := w.emu.LastSeq()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(jpeg)})), "✅")
	if got := replyChanges(w, seq); len(got) != 1 || got[0].edited != 0 {
		t.Errorf("want the final answer sent once; got %+v", got)
	}
}
