package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"persona/emulator"
)

// TestHideAllShortFloodWait: a short FLOOD_WAIT in the middle of /hide all
// is waited out, and the job finishes with each contact done once.
func TestHideAllShortFloodWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 100})
	id := w.post(t, emulator.Message{Text: "/hide all"})
	eventually(t, func() bool { return w.okUploads() >= 10 }, func() string { return d.log() })
	w.emu.Fail(uploadMethod, emulator.FloodWait(2), 1)
	wantPrefix(t, w.waitReply(t, d, id), "✅ 102 contacts: 102 done, 0 failed")
	checkOnceEach(t, w, people)
}

// TestHideAllLongFloodWait: a long FLOOD_WAIT holds /hide all, also across
// a restart (no upload until it is over), and the job then finishes with
// each contact done once.
func TestHideAllLongFloodWait(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 100})
	id := w.post(t, emulator.Message{Text: "/hide all"})
	eventually(t, func() bool { return w.okUploads() >= 10 }, func() string { return d.log() })
	w.emu.Fail(uploadMethod, emulator.FloodWait(7200), 1)
	eventually(t, func() bool {
		r := w.emu.Replies(w.me.ID, id)
		return len(r) == 1 && strings.HasPrefix(r[0].Message, "⏳ Telegram asks to wait 2 h")
	}, func() string {
		return fmt.Sprintf("no ⏳ flood notice: %q\n%s", texts(w.emu.Replies(w.me.ID, id)), d.log())
	})
	d.stop(t)

	calls := len(w.emu.Calls(uploadMethod))
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	if n := len(w.emu.Calls(uploadMethod)); n != calls {
		t.Fatalf("a restarted daemon called %s %d times during the flood wait", uploadMethod, n-calls)
	}

	w.env = []string{"PERSONA_CLOCK_SKEW=2h2m"}
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, id), "✅ 102 contacts: 102 done, 0 failed")
	checkOnceEach(t, w, people)
}
