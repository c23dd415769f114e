package e2e_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestCommandWrittenWhileStopped: a command written while the daemon is
// down runs once on the next start, and never again on later starts.
func TestCommandWrittenWhileStopped(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	d.stop(t)

	jpeg, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("the command written while stopped did not set the photo")
	}
	d.stop(t)

	d = w.startDaemon(t)
	probe := w.post(t, emulator.Message{Text: "/status"})
	w.waitReply(t, d, probe)
	if r := w.emu.Replies(w.me.ID, id); len(r) != 1 {
		t.Fatalf("after a second restart the command has %d replies: %q", len(r), texts(r))
	}
	if n := len(w.uploads(t)); n != 1 {
		t.Fatalf("%d %s calls, want 1", n, uploadMethod)
	}
}

// TestFirstStartDoesNotReplayHistory: commands from before the first ever
// start are history, not work.
func TestFirstStartDoesNotReplayHistory(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	_, media := photo()
	before := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	w.mustLogin(t)
	afterLogin := w.post(t, emulator.Message{Text: "/reset @bob"})
	d := w.startDaemon(t)
	// It is alive: a fresh command is answered.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"})), "✅")
	d.stop(t)
	w.unanswered(t, before, afterLogin)
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Fatalf("old commands caused %d %s calls", n, uploadMethod)
	}
}

// TestCrashMidCommand: a daemon killed while its upload is in flight
// finishes the command after a restart, with one reply.
func TestCrashMidCommand(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	// Held for longer than the test: its answer is lost with the kill.
	w.emu.Delay(uploadMethod, time.Hour)
	jpeg, media := photo()
	held := w.emu.Held(uploadMethod)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	waitHeld(t, w, uploadMethod, held, d)
	d.kill(t)
	if n := len(w.emu.Replies(w.me.ID, id)); n != 0 {
		t.Fatalf("killed before the answer, yet %d replies", n)
	}
	w.emu.Delay(uploadMethod, 0)

	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("the resumed command did not set the posted photo")
	}
	if !strings.Contains(d.log(), "Resuming command") {
		t.Errorf("the restarted daemon did not resume the journalled command:\n%s", d.log())
	}
}

// TestSecondInstance: the database is locked by the running daemon; a
// second one says so and exits, and the first keeps working.
func TestSecondInstance(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	out, errOut, code := w.persona(t, "", "run", "-config", w.config)
	if code == 0 || !strings.Contains(errOut, "already running") {
		t.Fatalf("second run: exit %d, want non-zero saying another persona is already running\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	// login on the same database is refused the same way.
	if _, errOut, code := w.login(t, w.answers()); code == 0 || !strings.Contains(errOut, "already running") {
		t.Errorf("login while running: exit %d, stderr %q", code, errOut)
	}
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
}

// TestCrashBetweenTargets: a daemon killed after the first target of a
// command is done does not do that target again after the restart; the one
// reply still tells about both.
func TestCrashBetweenTargets(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Delay(uploadMethod, time.Second)
	_, media := photo()
	seq, held := w.emu.LastSeq(), w.emu.Held(uploadMethod)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice @bob", Media: media})
	first := waitCall(t, w, seq, uploadMethod, d) // @alice's, answered after the delay
	w.emu.Delay(uploadMethod, time.Hour)          // @bob's answer is lost with the kill
	waitHeld(t, w, uploadMethod, held+1, d)       // @bob's is in flight
	d.kill(t)
	w.emu.Delay(uploadMethod, 0)
	if first.Err != nil {
		t.Fatalf("the first target failed: %v", first.Err)
	}

	d = w.startDaemon(t)
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if !strings.Contains(r.Message, "@alice") || !strings.Contains(r.Message, "@bob") {
		t.Errorf("reply %q does not tell about both targets", r.Message)
	}
	perUser := map[int64]int{}
	for _, req := range w.uploads(t) {
		if in, ok := req.UserID.(*tg.InputUser); ok {
			perUser[in.UserID]++
		}
	}
	if perUser[w.alice.ID] != 1 {
		t.Errorf("@alice got %d %s calls, want 1: the done target ran again", perUser[w.alice.ID], uploadMethod)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok {
		t.Error("@bob has no personal photo after the restart")
	}
}
