package e2e_test

import (
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestListChecksTelegram: /list asks Telegram before it answers, so a photo
// removed or replaced from another app shows as such and the record is
// corrected; a later /reset of the removed one is not needed.
func TestListChecksTelegram(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	for _, target := range []string{"@alice", "@bob"} {
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto " + target, Media: media})), "✅")
	}
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if strings.Count(list.Message, "Telegram shows it") != 2 {
		t.Fatalf("/list before any change:\n%s", list.Message)
	}

	w.emu.RemovePersonalPhotoElsewhere(w.me.ID, w.alice.ID)
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, w.bob.ID, emulator.JPEG(300, 300, 10))
	list = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	wantPrefix(t, list, "✅ 1 contact with a personal photo")
	for _, want := range []string{"@bob: photo from message", "⚠ replaced in another app", "@alice: removed in another app"} {
		if !strings.Contains(list.Message, want) {
			t.Errorf("/list does not say %q:\n%s", want, list.Message)
		}
	}
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if !strings.Contains(hist.Message, "now: none") {
		t.Errorf("/history @alice after the removal elsewhere:\n%s", hist.Message)
	}
}

// TestStartupSync: the records are checked at start-up, at most once a
// day, so a photo removed while the daemon was down is known at once.
func TestStartupSync(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	d.stop(t)
	w.emu.RemovePersonalPhotoElsewhere(w.me.ID, w.alice.ID)
	seq := w.emu.LastSeq()
	d = w.startDaemon(t)
	waitSync(t, w, seq, d)
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if !strings.Contains(hist.Message, "now: none") {
		t.Errorf("/history @alice after a start-up check:\n%s", hist.Message)
	}
	// A second start the same day does not check again.
	d.stop(t)
	seq = w.emu.LastSeq()
	d = w.startDaemon(t)
	w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	for _, ev := range w.emu.Events()[seq:] {
		if isSync(ev, w.me.ID) {
			t.Fatal("a second start on the same day checked the records again")
		}
	}
	// A start a day later checks again.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media})), "✅")
	d.stop(t)
	w.env = []string{"PERSONA_CLOCK_SKEW=25h"}
	seq = w.emu.LastSeq()
	d = w.startDaemon(t)
	waitSync(t, w, seq, d)
}

// isSync reports a check of the records: a users.getUsers of contacts,
// not of the account itself (gotd asks for that at start).
func isSync(ev emulator.Event, me int64) bool {
	req, ok := ev.Request.(*tg.UsersGetUsersRequest)
	if ev.Kind != emulator.EventRPC || !ok {
		return false
	}
	for _, in := range req.ID {
		if u, ok := in.(*tg.InputUser); ok && u.UserID != me {
			return true
		}
	}
	return false
}

func waitSync(t *testing.T, w *world, seq int, d *daemon) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	if _, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool { return isSync(ev, w.me.ID) }); err != nil {
		t.Fatalf("no check of the records\ndaemon log:\n%s", d.log())
	}
}
