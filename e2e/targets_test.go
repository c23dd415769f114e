package e2e_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"persona/emulator"
)

// TestTargetForms: every TARGET form of the README ("Commands") reaches the
// same contact with her access hash.
func TestTargetForms(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	for _, target := range []string{"@alice", "t.me/alice", "https://t.me/alice", alicePhone, fmt.Sprint(w.alice.ID)} {
		t.Run(target, func(t *testing.T) {
			before := len(w.uploads(t))
			id := w.post(t, emulator.Message{Text: "/setphoto " + target, Media: media})
			wantPrefix(t, w.waitReply(t, d, id), "✅")
			reqs := w.uploads(t)
			if len(reqs) != before+1 {
				t.Fatalf("%d new %s calls, want 1", len(reqs)-before, uploadMethod)
			}
			checkUser(t, reqs[len(reqs)-1], w.alice)
		})
	}
	noSecrets(t, d.log()) // the phone target is not logged either
}

// TestSetAndSuggest: suggest=yes sets the personal photo and suggests it.
func TestSetAndSuggest(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @bob suggest=yes", Media: media})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	var saved, suggested int
	for _, req := range w.uploads(t) {
		checkUser(t, req, w.bob)
		if req.File == nil {
			t.Errorf("a call without the file: %+v", req)
		}
		if req.Save {
			saved++
		}
		if req.Suggest {
			suggested++
		}
	}
	if saved != 1 || suggested != 1 {
		t.Fatalf("%d calls with save, %d with suggest; want one of each", saved, suggested)
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Error("no personal photo for @bob")
	}
	if n := len(w.emu.Suggestions(w.me.ID, w.bob.ID)); n != 1 {
		t.Errorf("%d suggestions to @bob, want 1", n)
	}
}

// setTwice sets first, then second, as @alice's personal photo.
func setTwice(t *testing.T, w *world, d *daemon) (first, second []byte) {
	t.Helper()
	first, second = emulator.JPEG(640, 640, 1000), emulator.JPEG(800, 800, 2000)
	for _, jpeg := range [][]byte{first, second} {
		id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(jpeg)})
		wantPrefix(t, w.waitReply(t, d, id), "✅")
	}
	return first, second
}

func wantResetCall(t *testing.T, w *world) {
	t.Helper()
	reqs := w.uploads(t)
	if last := reqs[len(reqs)-1]; !last.Save || last.File != nil || last.Video != nil || last.VideoEmojiMarkup != nil {
		t.Errorf("the last call is not a reset (save alone): %+v", last)
	}
}

// TestUndo: /undo goes back to the previous personal photo; with none
// before, it resets.
func TestUndo(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, _ := setTwice(t, w, d)
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	wantPrefix(t, hist, "✅")
	if strings.Count(hist.Message, "\n") != 2 {
		t.Errorf("/history after two sets, want a header and 2 lines:\n%s", hist.Message)
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"})), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, first) {
		t.Fatal("after /undo @alice does not have the first photo again")
	}

	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media})), "✅")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @bob"})), "✅")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Fatal("/undo of the only photo did not remove it")
	}
	wantResetCall(t, w)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @bob"}))
	wantPrefix(t, r, "❌")
}

// TestUndoTwice: two sets, two undos: back where it started, no photo.
func TestUndoTwice(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	setTwice(t, w, d)
	for range 2 {
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"})), "✅")
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
		t.Fatalf("after two sets and two undos @alice still has a personal photo (%d bytes); /history:\n%s", len(pp.Data), hist.Message)
	}
	wantResetCall(t, w)
}

// TestCustomPrefix: [bot] prefix replaces "/", in commands and in replies.
func TestCustomPrefix(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{prefix: "!"})
	w.mustLogin(t)
	d := w.startDaemon(t)
	_, media := photo()
	slash := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	id := w.post(t, emulator.Message{Text: "!setphoto @alice", Media: media})
	wantPrefix(t, w.waitReply(t, d, id), "✅")

	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "!frobnicate"}))
	wantPrefix(t, r, "❌")
	if !strings.Contains(r.Message, "!help") {
		t.Errorf("reply %q does not point to !help", r.Message)
	}
	help := w.waitReply(t, d, w.post(t, emulator.Message{Text: "!help"}))
	if !strings.Contains(help.Message, "!setphoto") || strings.Contains(help.Message, "/setphoto") {
		t.Errorf("/help is not written with the configured prefix:\n%s", help.Message)
	}
	d.stop(t)
	w.unanswered(t, slash)
	if n := len(w.uploads(t)); n != 1 {
		t.Errorf("%d %s calls, want 1", n, uploadMethod)
	}
}
