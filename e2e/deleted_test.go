package e2e_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// replyGivenUp is what the daemon logs once it has journalled that the
// reply of a command still running or waiting is gone.
const replyGivenUp = "Reply given up; the answer will come as a new message"

// waitProgress waits for the one reply of command id, a progress (⏳)
// message starting with prefix, and returns it.
func waitProgress(t *testing.T, w *world, d *daemon, id int, prefix string) *tg.Message {
	t.Helper()
	var r []*tg.Message
	eventually(t, func() bool {
		r = w.emu.Replies(w.me.ID, id)
		return len(r) == 1 && strings.HasPrefix(r[0].Message, prefix)
	}, func() string {
		return fmt.Sprintf("no %q reply to %d: %q\ndaemon log:\n%s", prefix, id, texts(r), d.log())
	})
	return r[0]
}

// deleteAsPhone deletes message id of Saved Messages from the owner's
// phone and waits for the daemon to say it has forgotten it as a reply.
func deleteAsPhone(t *testing.T, w *world, d *daemon, id int) {
	t.Helper()
	if n := w.emu.DeleteMessages(w.me.ID, id); n != 1 {
		t.Fatalf("message %d was not there to delete", id)
	}
	eventually(t, func() bool { return strings.Contains(d.log(), replyGivenUp) },
		func() string { return "the daemon never followed the deletion of its reply\ndaemon log:\n" + d.log() })
}

// TestDeletedProgressDuringLongFloodWait: the owner deletes the ⏳ notice
// of a command held by a 2 h flood wait. When the wait is over (a restart
// with the clock moved on), the command's ✅ comes as a new message that
// replies to the command; the photo is uploaded once, the command run once,
// and the deleted message is not edited again.
func TestDeletedProgressDuringLongFloodWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, emulator.FloodWait(7200), 1)
	_, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	notice := waitProgress(t, w, d, id, "⏳ Telegram asks to wait 2 h")
	deleteAsPhone(t, w, d, notice.ID)
	d.stop(t)

	// An edit already on its way when the deletion happened meets
	// MESSAGE_ID_INVALID, which gives the reply up as the update does;
	// after the restart the daemon knows, and never edits it again.
	seq := w.emu.LastSeq()
	w.env = []string{"PERSONA_CLOCK_SKEW=2h2m"}
	d = w.startDaemon(t)
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	d.stop(t) // nothing more can happen: count what did

	if n := w.okUploads(); n != 1 {
		t.Errorf("%d uploads, want 1", n)
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 2 {
		t.Errorf("%d calls of %s, want the flood wait and the upload", n, uploadMethod)
	}
	for _, ev := range w.emu.Events()[seq:] {
		if req, ok := ev.Request.(*tg.MessagesEditMessageRequest); ok && req.ID == notice.ID {
			t.Errorf("the deleted notice %d was edited after the restart: %v", notice.ID, ev.Err)
		}
	}
	if strings.Contains(d.log(), "will retry") {
		t.Errorf("the command was queued again:\n%s", d.log())
	}
}

// TestDeletedWhileStopped: the owner deletes the ⏳ notice while the
// daemon is not running; the restarted daemon learns it from
// getDifference (or from the refused edit, whichever comes first) and
// answers in a new message, once.
func TestDeletedWhileStopped(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Fail(uploadMethod, emulator.FloodWait(7200), 1)
	_, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	notice := waitProgress(t, w, d, id, "⏳ Telegram asks to wait 2 h")
	d.stop(t)
	if n := w.emu.DeleteMessages(w.me.ID, notice.ID); n != 1 {
		t.Fatalf("notice %d was not there to delete", notice.ID)
	}

	w.env = []string{"PERSONA_CLOCK_SKEW=2h2m"}
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	d.stop(t)
	if n := w.okUploads(); n != 1 {
		t.Errorf("%d uploads, want 1", n)
	}
	if strings.Contains(d.log(), "will retry") {
		t.Errorf("the command was queued again:\n%s", d.log())
	}
}

// TestDeletedProgressWhileUploading: the owner deletes the ⏳ progress of
// an upload under way. The upload goes on, no progress message comes back,
// and the ✅ comes as a new message replying to the command.
func TestDeletedProgressWhileUploading(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Delay("upload.saveFilePart", 1200*time.Millisecond)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(emulator.JPEG(800, 800, 7<<20))})
	progress := waitProgress(t, w, d, id, "⏳ uploading ")
	deleteAsPhone(t, w, d, progress.ID)
	seq := w.emu.LastSeq()
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	d.stop(t)

	if n := w.okUploads(); n != 1 {
		t.Errorf("%d uploads, want 1", n)
	}
	var sent []string
	for _, c := range replyChanges(w, seq) {
		if c.edited == 0 {
			sent = append(sent, c.text)
		}
	}
	if !slices.Equal(sent, []string{r.Message}) {
		t.Errorf("sent after the deletion: %q, want only the answer", sent)
	}
}

// TestDeletedFinishedReply: deleting a finished command's reply changes
// nothing: no new message, the command is not run again, also after a
// restart.
func TestDeletedFinishedReply(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if n := w.emu.DeleteMessages(w.me.ID, r.ID); n != 1 {
		t.Fatalf("reply %d was not there to delete", r.ID)
	}
	w.answered = slices.DeleteFunc(w.answered, func(a int) bool { return a == id }) // its one reply is gone

	// Updates come in order: once a later command is answered, the
	// deletion has been seen.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	if got := w.emu.Replies(w.me.ID, id); len(got) != 0 {
		t.Errorf("replies to the finished command after its reply was deleted: %q", texts(got))
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 1 {
		t.Errorf("%d calls of %s, want 1: the command ran again", n, uploadMethod)
	}
	if strings.Contains(d.log(), replyGivenUp) {
		t.Error("the daemon took a finished command's reply for a running one's")
	}
}

// TestEditRefused: Telegram refuses to edit the ⏳ progress message with a
// 400 other than MESSAGE_ID_INVALID. No retry cures that: the command is
// not queued again, the ✅ comes as a new message replying to the command,
// and the stale progress message is deleted, so the command has one answer.
func TestEditRefused(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.Delay("upload.saveFilePart", 1200*time.Millisecond)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(emulator.JPEG(800, 800, 7<<20))})
	progress := waitProgress(t, w, d, id, "⏳ uploading ")
	w.emu.Fail("messages.editMessage", tgerr.New(400, "MESSAGE_EDIT_TIME_EXPIRED"), 100)
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	d.stop(t)

	if _, ok := w.emu.Message(w.me.ID, progress.ID); ok {
		t.Errorf("the stale progress message %d is still there", progress.ID)
	}
	if n := w.okUploads(); n != 1 {
		t.Errorf("%d uploads, want 1", n)
	}
	if strings.Contains(d.log(), "will retry") {
		t.Errorf("the command was queued again:\n%s", d.log())
	}
}
