package e2e_test

import (
	"bytes"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// partSize is the daemon's download and upload part: 512 KiB.
const partSize = 512 << 10

// parts is how many parts a file of n bytes takes.
func parts(n int) int { return (n + partSize - 1) / partSize }

// savedParts returns the parts uploaded since seq, small and big, in order.
func savedParts(w *world, seq int) (small []*tg.UploadSaveFilePartRequest, big []*tg.UploadSaveBigFilePartRequest) {
	for _, ev := range w.emu.Events()[seq:] {
		if ev.Kind != emulator.EventRPC || ev.Err != nil {
			continue
		}
		switch req := ev.Request.(type) {
		case *tg.UploadSaveFilePartRequest:
			small = append(small, req)
		case *tg.UploadSaveBigFilePartRequest:
			big = append(big, req)
		}
	}
	return small, big
}

// downloads counts the successful upload.getFile calls since seq.
func downloads(w *world, seq int) int {
	n := 0
	for _, ev := range w.emu.Events()[seq:] {
		if ev.Kind == emulator.EventRPC && ev.Method == "upload.getFile" && ev.Err == nil {
			n++
		}
	}
	return n
}

// TestUploadSizes: every profile photo or video goes up with saveFilePart,
// never as a big file (a video is at most 2 MB, an image at most 10 MB),
// ending in a short last part, byte for byte.
func TestUploadSizes(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	tests := []struct {
		name  string
		data  []byte
		media func([]byte) *emulator.Media
		big   bool
	}{
		{"1.2 MiB photo", emulator.JPEG(800, 800, 1_250_000), emulator.Photo, false},
		{"1.9 MB video", emulator.MP4(720, 720, 5, 1_900_000), func(b []byte) *emulator.Media { return emulator.Video(b, 720, 720, 5) }, false},
	}
	for _, tt := range tests {
		n := len(tt.data)
		if n%partSize == 0 || (n > 10<<20) != tt.big {
			t.Fatalf("%s: %d bytes do not make the case", tt.name, n)
		}
		seq := w.emu.LastSeq()
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: tt.media(tt.data)})), "✅")
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, tt.data) {
			t.Fatalf("%s: not set byte for byte", tt.name)
		}
		small, big := savedParts(w, seq)
		var last []byte
		switch {
		case tt.big && len(small) == 0 && len(big) == parts(n):
			for _, p := range big {
				if p.FileTotalParts != parts(n) {
					t.Errorf("%s: part %d announces %d parts, want %d", tt.name, p.FilePart, p.FileTotalParts, parts(n))
				}
				if p.FilePart == parts(n)-1 {
					last = p.Bytes
				}
			}
		case !tt.big && len(big) == 0 && len(small) == parts(n):
			for _, p := range small {
				if p.FilePart == parts(n)-1 {
					last = p.Bytes
				}
			}
		default:
			t.Fatalf("%s: %d saveFilePart and %d saveBigFilePart calls for %d parts", tt.name, len(small), len(big), parts(n))
		}
		if len(last) != n%partSize {
			t.Errorf("%s: last part of %d bytes, want %d", tt.name, len(last), n%partSize)
		}
	}
}

// TestOneDownloadManyTargets: /setphoto with three targets downloads the
// media once and uploads it once; the three calls share the upload.
func TestOneDownloadManyTargets(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	carol := w.emu.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "carol"})
	w.emu.AddContact(w.me.ID, carol.ID)
	jpeg := emulator.JPEG(800, 800, 1_250_000)
	seq := w.emu.LastSeq()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice @bob @carol", Media: emulator.Photo(jpeg)})), "✅ all 3 done")
	if n := downloads(w, seq); n != parts(len(jpeg)) {
		t.Errorf("%d upload.getFile calls, want %d: one download for all targets", n, parts(len(jpeg)))
	}
	if small, big := savedParts(w, seq); len(small)+len(big) != parts(len(jpeg)) {
		t.Errorf("%d parts uploaded, want %d: one upload for all targets", len(small)+len(big), parts(len(jpeg)))
	}
	reqs := w.uploads(t)
	if len(reqs) != 3 {
		t.Fatalf("%d %s calls, want 3", len(reqs), uploadMethod)
	}
	for i, req := range reqs {
		if f, ok := req.File.(*tg.InputFile); !ok || f.ID != reqs[0].File.(*tg.InputFile).ID {
			t.Errorf("call %d sends file %+v, not the one upload", i, req.File)
		}
	}
	for _, u := range []emulator.User{w.alice, w.bob, carol} {
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
			t.Errorf("@%s has not the photo", u.Username)
		}
	}
}

// TestReuseRefused: when Telegram no longer accepts an upload for the next
// target, the media is downloaded and uploaded again, and the reply is the
// same as when the reuse works.
func TestReuseRefused(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SingleUseUploads(true)
	jpeg := emulator.JPEG(800, 800, 600_000)
	seq := w.emu.LastSeq()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice @bob suggest=yes", Media: emulator.Photo(jpeg)}))
	want := "✅ all 2 done\n✅ @alice: personal photo set and suggested\n✅ @bob: personal photo set and suggested"
	if r.Message != want {
		t.Fatalf("reply %q, want %q", r.Message, want)
	}
	for _, u := range []emulator.User{w.alice, w.bob} {
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
			t.Errorf("@%s has not the photo", u.Username)
		}
		if n := len(w.emu.Suggestions(w.me.ID, u.ID)); n != 1 {
			t.Errorf("%d suggestions to @%s, want 1", n, u.Username)
		}
	}
	// Four calls succeed, each after its own upload; three reuses were refused.
	if ok, all := w.okUploads(), len(w.uploads(t)); ok != 4 || all != 7 {
		t.Errorf("%d of %d %s calls succeeded, want 4 of 7", ok, all, uploadMethod)
	}
	if n := downloads(w, seq); n != 4*parts(len(jpeg)) {
		t.Errorf("%d upload.getFile calls, want %d: a download for each upload", n, 4*parts(len(jpeg)))
	}
}
