package e2e_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tgerr"

	"persona/emulator"
	"persona/storage"
)

// TestHideRuleAtStart: while the standing `/hide all` rule stands (set in
// the database, as /hide all does), the next start hides the contacts not
// hidden yet, and a contact added while the daemon was stopped at the
// start after; a personal photo set in another app is left as it is, a
// contact /reset under the rule stays reset, and /status shows the rule.
func TestHideRuleAtStart(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	setHideRule(t, w, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	elsewhere, _ := photo()
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, w.bob.ID, elsewhere)

	d := w.startDaemon(t)
	// The rule is applied before the first command runs (upkeep first).
	st := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	if line := lineOf(st.Message, "standing rule"); !strings.Contains(line, "/hide all since") || !strings.Contains(line, "/reset all ends it") {
		t.Errorf("/status does not show the standing rule:\n%s", st.Message)
	}
	wantHidden(t, w, w.alice, "at the start")
	if pp, _ := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !bytes.Equal(pp.Data, elsewhere) {
		t.Error("the rule overwrote the personal photo set in another app")
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @alice"})), "✅")
	d.stop(t)

	w.emu.AddContact(w.me.ID, w.eve.ID)
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	wantHidden(t, w, w.eve, "added while stopped, at the next start")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Errorf("@alice, reset under the rule, has a personal photo again (%s)", pp.Kind)
	}
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if line := lineOf(list.Message, "@eve"); !strings.Contains(line, "hidden") {
		t.Errorf("/list line of @eve %q does not say hidden", line)
	}
}

// setHideRule makes the rule stand in the stopped daemon's database.
func setHideRule(t *testing.T, w *world, since time.Time) {
	t.Helper()
	db, err := storage.Open(w.dir+"/persona.db", storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetHideAll(since); err != nil {
		t.Fatal(err)
	}
}

// wantHidden checks that u has a generated picture as personal photo.
func wantHidden(t *testing.T, w *world, u emulator.User, when string) {
	t.Helper()
	pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID)
	if !ok || pp.Kind != "photo" {
		t.Fatalf("@%s not hidden %s", u.Username, when)
	}
	checkPicture(t, u.Username, pp.Data)
}

// TestHideRuleAddedContact: under the standing rule, a contact Persona adds
// (add=yes) whose photo Telegram then refuses (/keep of their own photo)
// is hidden at once, not at the next start.
func TestHideRuleAddedContact(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	setHideRule(t, w, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	d := w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	own, _ := photo()
	w.emu.SetProfilePhoto(w.eve.ID, own)
	w.emu.Fail("photos.uploadContactProfilePhoto", tgerr.New(400, "PHOTO_CROP_SIZE_SMALL"), 1)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @eve add=yes"}))
	wantPrefix(t, r, "❌")
	if !w.emu.IsContact(w.me.ID, w.eve.ID) {
		t.Fatalf("@eve was not added: %q", r.Message)
	}
	wantHidden(t, w, w.eve, "once added")
}

// TestHideAllStandsUntilResetAll: /hide all leaves a personal photo set in
// another app as it is and says so, makes the rule stand (/status), and
// /reset all ends it.
func TestHideAllStandsUntilResetAll(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 5})
	elsewhere := emulator.JPEG(200, 200, 3)
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, people[0].ID, elsewhere)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide all"}))
	wantPrefix(t, r, "✅")
	if !strings.Contains(r.Message, "skipped (a personal photo already, which they keep)") {
		t.Errorf("/hide all does not say who kept their personal photo:\n%s", r.Message)
	}
	if pp, _ := w.emu.PersonalPhoto(w.me.ID, people[0].ID); !bytes.Equal(pp.Data, elsewhere) {
		t.Error("/hide all overwrote the personal photo set in another app")
	}
	st := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	if !strings.Contains(lineOf(st.Message, "standing rule"), "/hide all since") {
		t.Errorf("/status after /hide all does not show the standing rule:\n%s", st.Message)
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset all"})), "✅")
	st = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	if strings.Contains(st.Message, "standing rule") {
		t.Errorf("/status after /reset all still shows the rule:\n%s", st.Message)
	}
}

// TestHideRuleDuringLongFloodWait: the standing rule's start-up check meets
// a long FLOOD_WAIT: it is held, commands are still answered, and the
// daemon stops on SIGTERM.
func TestHideRuleDuringLongFloodWait(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	setHideRule(t, w, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 5})
	w.emu.Fail(uploadMethod, emulator.FloodWait(7200), 1)
	d := w.startDaemon(t)
	eventually(t, func() bool { return len(w.emu.Calls(uploadMethod)) >= 1 }, func() string { return d.log() })
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
}
