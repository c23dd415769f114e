package e2e_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestRevoked: sessions terminated from another app stop the daemon with
// exit code 3 and the instruction to log in again.
func TestRevoked(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Revoke(w.me.ID)
	if code := d.exit(t); code != 3 {
		t.Fatalf("exit %d after revoke, want 3\nstderr:\n%s", code, d.log())
	}
	if !strings.Contains(d.log(), `session revoked: run "persona login"`) {
		t.Fatalf("stderr does not say the session was revoked:\n%s", d.log())
	}
	noSecrets(t, d.log())
}

// TestFloodWait: a FLOOD_WAIT on the upload is waited out and retried.
func TestFloodWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, emulator.FloodWait(2), 1)
	jpeg, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	calls := w.emu.Calls(uploadMethod)
	if len(calls) != 2 || calls[0].Err == nil || calls[1].Err != nil {
		t.Fatalf("%d calls, want a FLOOD_WAIT then a success", len(calls))
	}
	// A lower bound: a loaded machine can only make the gap longer.
	if gap := calls[1].Time.Sub(calls[0].Time); gap < 2*time.Second {
		t.Errorf("retried %s after the FLOOD_WAIT: the 2 s flood wait was not respected", gap.Round(time.Millisecond))
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("no personal photo after the flood wait")
	}
}

// TestInternalError: a failure Telegram keeps reporting is a ❌ reply, not
// a silence, and the daemon keeps running.
func TestInternalError(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, emulator.Internal(), 20)
	_, media := photo()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media}))
	wantPrefix(t, r, "❌")
	if !strings.Contains(r.Message, "@alice") {
		t.Errorf("reply %q does not name the target", r.Message)
	}
	w.emu.ClearFaults()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	if !strings.Contains(w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})).Message, "last error") {
		t.Error("/status does not report the last error")
	}
}

// TestReconnect: after a network outage the daemon catches up by itself.
func TestReconnect(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	for range 2 {
		w.emu.Disconnect(w.me.ID)
		id := w.post(t, emulator.Message{Text: "/list"})
		wantPrefix(t, w.waitReply(t, d, id), "✅")
	}
}

// TestExpiredFileReference: a file reference that expires before the
// download is renewed by fetching the message again (docs/ARCHITECTURE.md,
// "A file reference is renewed by fetching the message").
func TestExpiredFileReference(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg, media := photo()
	// Hold a download that comes before the expiry, so that the reference
	// the daemon got with the update expires under it; one that comes after
	// the delay is lifted finds it expired already.
	w.emu.Delay("upload.getFile", 500*time.Millisecond)
	id := w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media})
	w.emu.ExpireFileReferences()
	w.emu.Delay("upload.getFile", 0)
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("personal photo differs from the posted photo")
	}
	expired := 0
	for _, ev := range w.emu.Calls("upload.getFile") {
		if ev.Err != nil && ev.Err.Type == "FILE_REFERENCE_EXPIRED" {
			expired++
		}
	}
	if expired == 0 {
		t.Fatal("the expired reference was never used: the test did not exercise the renewal")
	}
	if len(w.emu.Calls("messages.getMessages")) == 0 {
		t.Error("no messages.getMessages: the file reference was never renewed")
	}
}

// TestFloodPremiumWait: FLOOD_PREMIUM_WAIT_X, Telegram's flood wait for
// accounts without Premium, is waited out like FLOOD_WAIT_X.
func TestFloodPremiumWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, tgerr.New(420, "FLOOD_PREMIUM_WAIT_1"), 1)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅ @alice")
	if calls := w.emu.Calls(uploadMethod); len(calls) != 2 || calls[1].Err != nil {
		t.Fatalf("%d calls, want a FLOOD_PREMIUM_WAIT then a success", len(calls))
	}
}

// TestFileReferenceInvalid: every FILE_REFERENCE_* error, not only
// EXPIRED, is cured by fetching the message again, as TDLib does.
func TestFileReferenceInvalid(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	for _, code := range []string{"FILE_REFERENCE_INVALID", "FILE_REFERENCE_EMPTY"} {
		w.emu.Fail("upload.getFile", tgerr.New(400, code), 1)
		fetches := len(w.emu.Calls("messages.getMessages"))
		_, media := photo()
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media}))
		wantPrefix(t, r, "✅")
		if len(w.emu.Calls("messages.getMessages")) == fetches {
			t.Errorf("%s: the message was not fetched again", code)
		}
	}
}

// TestLongFloodWait: a 2 h FLOOD_WAIT is told in the reply, persisted, and
// honoured by a restarted daemon; once the time has passed, the same reply
// becomes the final ✅.
func TestLongFloodWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, emulator.FloodWait(7200), 1)
	_, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	waiting := regexp.MustCompile(`^⏳ Telegram asks to wait 2 h; retrying at (\d{4}-\d\d-\d\d )?\d\d:\d\d`)
	wait := func(d *daemon) {
		t.Helper()
		eventually(t, func() bool {
			r := w.emu.Replies(w.me.ID, id)
			return len(r) == 1 && waiting.MatchString(r[0].Message)
		}, func() string {
			return fmt.Sprintf("no ⏳ flood notice in the reply: %q\ndaemon log:\n%s", texts(w.emu.Replies(w.me.ID, id)), d.log())
		})
	}
	wait(d)
	d.stop(t)

	// Restarted within the 2 h: the command resumes but does not call the method.
	calls := len(w.emu.Calls(uploadMethod))
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	if n := len(w.emu.Calls(uploadMethod)); n != calls {
		t.Fatalf("a restarted daemon called %s %d times during the flood wait", uploadMethod, n-calls)
	}

	w.env = []string{"PERSONA_CLOCK_SKEW=2h2m"}
	d = w.startDaemon(t)
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok {
		t.Fatal("no personal photo after the wait")
	}
}

// TestAuthKeyDuplicated: Telegram seeing the session in two places at once
// stops the daemon (exit 3) with what happened and what to do.
func TestAuthKeyDuplicated(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail("messages.sendMessage", tgerr.New(406, "AUTH_KEY_DUPLICATED"), 1)
	w.post(t, emulator.Message{Text: "/status"})
	if code := d.exit(t); code != 3 {
		t.Fatalf("exit %d after AUTH_KEY_DUPLICATED, want 3\nstderr:\n%s", code, d.log())
	}
	for _, want := range []string{"AUTH_KEY_DUPLICATED", "copied", `run "persona login"`} {
		if !strings.Contains(d.log(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, d.log())
		}
	}
}
