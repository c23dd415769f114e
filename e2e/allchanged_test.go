package e2e_test

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// lastByID are the two contacts with the highest ids: the last a bulk job
// does, as it goes through the list in id order.
func lastByID(people []emulator.User) (last, before emulator.User) {
	s := slices.SortedFunc(slices.Values(people), func(a, b emulator.User) int { return cmp.Compare(a.ID, b.ID) })
	return s[len(s)-1], s[len(s)-2]
}

// TestBulkSkipsChanged: a /setphoto written during /hide all runs while
// the job gives way, and the job, going on, leaves that contact as the
// command set them, and one whose photo was set in another app meanwhile
// as it was set there, both counted as changed since the job began.
func TestBulkSkipsChanged(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 300})
	last, other := lastByID(people)
	w.emu.SetRTT(20 * time.Millisecond)
	bulk := w.post(t, emulator.Message{Text: "/hide all"})
	eventually(t, func() bool { return w.okUploads() >= 20 }, func() string { return d.log() })
	// Slow the job down, so the command below lands while it still runs
	// however loaded the machine is; the command's own upload waits too.
	w.emu.Delay(uploadMethod, 300*time.Millisecond)
	jpeg, media := photo()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @" + last.Username, Media: media}))
	wantPrefix(t, r, "✅")
	w.emu.Delay(uploadMethod, 0)
	elsewhere := emulator.JPEG(200, 200, 3)
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, other.ID, elsewhere)
	r = w.waitReply(t, d, bulk)
	wantPrefix(t, r, "✅ 300 contacts: 300 done, 0 failed")
	if !strings.Contains(r.Message, "2 skipped (changed since the job began)") {
		t.Errorf("reply %q does not count the contact changed since", r.Message)
	}
	pp, ok := w.emu.PersonalPhoto(w.me.ID, last.ID)
	if !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Errorf("the photo /setphoto set was overwritten by /hide all")
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, other.ID); !ok || !bytes.Equal(pp.Data, elsewhere) {
		t.Errorf("the photo set in another app was overwritten by /hide all")
	}
}

// notModified counts contacts.getContacts answered contactsNotModified.
func notModified(w *world) int {
	n := 0
	for _, ev := range w.emu.Calls("contacts.getContacts") {
		if _, ok := ev.Result.(*tg.ContactsContactsNotModified); ok {
			n++
		}
	}
	return n
}

// TestResetAllFreshFlags: the second bulk job reads the contact list with
// its hash (answered contactsNotModified) and still sees a personal photo
// set in another app after the list was read, and resets it.
func TestResetAllFreshFlags(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 20})
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset all"}))
	wantPrefix(t, r, "✅ 0 contacts: 0 done, 0 failed; 22 skipped (no personal photo)")
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, people[3].ID, emulator.JPEG(200, 200, 1))
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset all"}))
	wantPrefix(t, r, "✅ 1 contacts: 1 done, 0 failed; 21 skipped (no personal photo)")
	if n := notModified(w); n != 1 {
		t.Errorf("%d contacts.getContacts answered contactsNotModified, want 1", n)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, people[3].ID); ok {
		t.Error("the personal photo set in another app is still there")
	}
}

// TestUndoResetAllRestoresElsewhere: /reset all keeps a copy of a personal
// photo set in another app before removing it, and /undo all puts it back,
// byte for byte, as well as the one Persona had set.
func TestUndoResetAllRestoresElsewhere(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 5})
	jpeg := emulator.JPEG(320, 320, 7)
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, people[0].ID, jpeg)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide @" + people[1].Username}))
	wantPrefix(t, r, "✅")
	hidden, _ := w.emu.PersonalPhoto(w.me.ID, people[1].ID)
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset all"}))
	wantPrefix(t, r, "✅ 2 contacts: 2 done, 0 failed")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo all"}))
	wantPrefix(t, r, "✅ 2 contacts: 2 done, 0 failed")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, people[0].ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Errorf("the photo set in another app is not back as it was (set: %v)", ok)
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, people[1].ID); !ok || !bytes.Equal(pp.Data, hidden.Data) {
		t.Errorf("the photo /hide set is not back (set: %v)", ok)
	}
}
