package e2e_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"persona/emulator"
)

// callsOn counts the successful and failed calls of method on dc since seq.
func callsOn(w *world, seq int, method string, dc int) (ok, failed int) {
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Kind != emulator.EventRPC || ev.Method != method || ev.DC != dc {
			continue
		}
		if ev.Err != nil {
			failed++
		} else {
			ok++
		}
	}
	return ok, failed
}

// TestMediaOnAnotherDC: a photo and a video that live on DC 4, as media
// forwarded from a friend often does, are downloaded from DC 4 directly,
// parts in parallel, over one connection kept for both commands: one
// export and import, no FILE_MIGRATE round trips at home.
func TestMediaOnAnotherDC(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	seq := w.emu.LastSeq()
	jpeg := emulator.JPEG(1000, 1000, 1_500_000)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(jpeg).OnDC(4)})), "✅")
	clip := emulator.MP4(720, 720, 5, 1_500_000)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob frame=1", Media: emulator.Video(clip, 720, 720, 5).OnDC(4)})), "✅")

	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Error("@alice does not have the photo from DC 4")
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || !bytes.Equal(pp.Data, clip) {
		t.Error("@bob does not have the video from DC 4")
	}
	if ok, _ := callsOn(w, seq, "upload.getFile", 4); ok < 4 {
		t.Errorf("%d parts downloaded on DC 4, want all of both files there", ok)
	}
	if _, migrated := callsOn(w, seq, "upload.getFile", 2); migrated != 0 {
		t.Errorf("%d upload.getFile calls went home first and were sent on (FILE_MIGRATE)", migrated)
	}
	if ok, _ := callsOn(w, seq, "auth.importAuthorization", 4); ok != 1 {
		t.Errorf("%d imports into DC 4 for two commands, want 1: the connection is kept", ok)
	}
}

// TestMediaDCForgets: the media DC forgets the authorization imported into
// it between two commands; its AUTH_KEY_UNREGISTERED is not a revoked
// session: the daemon imports again, both commands succeed, and it keeps
// running.
func TestMediaDCForgets(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media.OnDC(4)})), "✅")
	w.emu.ForgetImported(4)
	seq := w.emu.LastSeq()
	_, other := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: other.OnDC(4)})), "✅")
	if _, failed := callsOn(w, seq, "upload.getFile", 4); failed == 0 {
		t.Error("DC 4 never answered AUTH_KEY_UNREGISTERED: the test did not test forgetting")
	}
	if ok, _ := callsOn(w, seq, "auth.importAuthorization", 4); ok != 1 {
		t.Errorf("%d imports into DC 4 after it forgot, want 1", ok)
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	if d.exited() {
		t.Fatalf("the daemon stopped: %s\n%s", d.state(), d.log())
	}
}

// TestAccountOnAnotherDC: the account lives on DC 4 while the client dials
// DC 2 first: login follows PHONE_MIGRATE, the session keeps DC 4, and the
// daemon goes straight there and works.
func TestAccountOnAnotherDC(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{accountDC: 4})
	w.mustLogin(t)
	seq := w.emu.LastSeq()
	d := w.startDaemon(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Kind == emulator.EventRPC && ev.Err != nil && (ev.Err.Type == "USER_MIGRATE" || ev.Err.Type == "PHONE_MIGRATE") {
			t.Errorf("the daemon called %s on DC %d and was sent on (%s): the session should start on DC 4", ev.Method, ev.DC, ev.Err.Type)
		}
	}
}

// TestQRLoginOnAnotherDC: the account that scans the code lives on DC 4:
// the login follows auth.loginTokenMigrateTo there, and the daemon then
// works from DC 4.
func TestQRLoginOnAnotherDC(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{accountDC: 4})
	var out, errOut syncBuffer
	cmd := exec.Command(binary, "login", "-qr", "-config", w.config)
	cmd.Dir, cmd.Stdout, cmd.Stderr = w.dir, &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	tok := w.waitQR(t, nil, &out)
	if _, err := w.emu.ApproveLoginToken(tok, w.me.ID); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err != nil || !strings.Contains(out.String(), "logged in as Owner Persona") {
		t.Fatalf("login -qr: %v\nstdout: %s\nstderr: %s", err, &out, &errOut)
	}
	d := w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
}
