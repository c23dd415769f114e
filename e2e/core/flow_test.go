package core_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

func TestSetPhotoResetAndIgnored(t *testing.T) {
	w := newWorld(t)
	w.login()
	w.start()

	jpeg := emulator.JPEG(800, 800, 200_000)
	id := w.post(emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(jpeg)})
	r := w.reply(id)
	if !strings.HasPrefix(r.Message, "✅") || r.ReplyTo.(*tg.MessageReplyHeader).ReplyToMsgID != id {
		t.Fatalf("reply %q", r.Message)
	}
	calls := w.emu.Calls("photos.uploadContactProfilePhoto")
	if len(calls) != 1 {
		t.Fatalf("%d uploadContactProfilePhoto calls", len(calls))
	}
	req := calls[0].Request.(*tg.PhotosUploadContactProfilePhotoRequest)
	user := req.UserID.(*tg.InputUser)
	if !req.Save || req.Suggest || req.File == nil || user.UserID != w.alice.ID || user.AccessHash != w.alice.AccessHash {
		t.Fatalf("request %+v", req)
	}
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("personal photo differs from the posted photo")
	}

	// Not the owner's command, forwarded, edited, or without the prefix.
	_, _ = w.emu.Deliver(w.eve.ID, w.me.ID, emulator.Message{Text: "/reset @alice"})
	fwd := w.post(emulator.Message{Text: "/reset @alice", ForwardFrom: w.eve.ID})
	note := w.post(emulator.Message{Text: "reset @alice"})
	if err := w.emu.Edit(w.me.ID, id, "/reset @alice"); err != nil {
		t.Fatal(err)
	}
	id = w.post(emulator.Message{Text: "/setphoto @eve", Media: emulator.Photo(jpeg)})
	if r := w.reply(id); r.Message != "❌ @eve is not in your contacts" {
		t.Fatalf("stranger reply %q", r.Message)
	}
	for _, ignored := range []int{fwd, note} {
		if n := len(w.emu.Replies(w.me.ID, ignored)); n != 0 {
			t.Fatalf("message %d got %d replies", ignored, n)
		}
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok {
		t.Fatal("an ignored /reset removed the photo")
	}

	id = w.post(emulator.Message{Text: "/reset @alice"})
	if r := w.reply(id); r.Message != "✅ @alice: personal photo removed" {
		t.Fatalf("reset reply %q", r.Message)
	}
	calls = w.emu.Calls("photos.uploadContactProfilePhoto")
	last := calls[len(calls)-1].Request.(*tg.PhotosUploadContactProfilePhotoRequest)
	if !last.Save || last.File != nil || last.Video != nil || last.VideoEmojiMarkup != nil {
		t.Fatalf("reset request %+v", last)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Fatal("photo still set after reset")
	}
	for _, secret := range []string{"hash-secret-0123", "pw-secret-42"} {
		if strings.Contains(w.stderr.String(), secret) {
			t.Fatalf("log contains a secret")
		}
	}
}

func TestCommandWrittenWhileStoppedRunsOnce(t *testing.T) {
	w := newWorld(t)
	old := w.post(emulator.Message{Text: "/list"}) // before the first start: never replayed
	w.login()
	w.start()
	w.stop()
	id := w.post(emulator.Message{Text: "/status"})
	w.start()
	if r := w.reply(id); !strings.HasPrefix(r.Message, "✅ Persona is running") {
		t.Fatalf("reply %q", r.Message)
	}
	w.stop()
	w.start() // a restart must not answer it again
	time.Sleep(500 * time.Millisecond)
	if n := len(w.emu.Replies(w.me.ID, id)); n != 1 {
		t.Fatalf("%d replies after restart", n)
	}
	if n := len(w.emu.Replies(w.me.ID, old)); n != 0 {
		t.Fatalf("history before the first start was replayed")
	}
}

func TestRunNotLoggedIn(t *testing.T) {
	w := newWorld(t)
	_, errOut, code := w.persona("", "run")
	if code != 2 || !strings.Contains(errOut, `not logged in: run "persona login" first`) {
		t.Fatalf("code %d, stderr %q", code, errOut)
	}
}
