package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// The counts below include the two contacts every test world has (alice
// and bob, without photos).

// uploadsPerUser counts uploadContactProfilePhoto calls that Telegram
// took, by the contact they were for.
func uploadsPerUser(w *world) map[int64]int {
	out := map[int64]int{}
	for _, ev := range w.emu.Calls(uploadMethod) {
		req, ok := ev.Request.(*tg.PhotosUploadContactProfilePhotoRequest)
		if !ok || ev.Err != nil {
			continue
		}
		if in, ok := req.UserID.(*tg.InputUser); ok {
			out[in.UserID]++
		}
	}
	return out
}

// checkOnceEach fails unless each of people got exactly one call.
func checkOnceEach(t *testing.T, w *world, people []emulator.User) {
	t.Helper()
	calls := uploadsPerUser(w)
	for _, u := range people {
		if calls[u.ID] != 1 {
			t.Errorf("%s %s: %d uploadContactProfilePhoto calls, want 1", u.FirstName, u.LastName, calls[u.ID])
		}
	}
}

// TestHideAll: /hide all hides every contact with one call each, skips
// and counts bots and deleted accounts, says first how many will change,
// and ends with the counts.
func TestHideAll(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	added := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 200, Bots: 3, Deleted: 2})
	people := added[:200]
	id := w.post(t, emulator.Message{Text: "/hide all"})
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅ 202 contacts: 202 done, 0 failed")
	for _, want := range []string{"3 skipped (bots)", "2 skipped (deleted accounts)"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("reply %q does not say %q", r.Message, want)
		}
	}
	checkOnceEach(t, w, people)
	if _, ok := w.emu.PersonalPhoto(w.me.ID, people[199].ID); !ok {
		t.Error("the last contact has no personal photo")
	}
}

// TestHideAllKilled: a /hide all killed in the middle goes on after a
// restart and does no contact twice.
func TestHideAllKilled(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 300})
	id := w.post(t, emulator.Message{Text: "/hide all"})
	eventually(t, func() bool { return w.okUploads() >= 100 }, func() string { return d.log() })
	d.kill(t)
	d = w.startDaemon(t)
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅ 302 contacts: 302 done, 0 failed")
	checkOnceEach(t, w, people)
}

// TestResetAllAndUndo: /reset all removes personal photos Persona set and
// ones set in another app, calling nothing for the others; /undo all then
// brings back what the last bulk job changed.
func TestResetAllAndUndo(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 20})
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, people[0].ID, emulator.JPEG(200, 200, 1))
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide @" + people[1].Username}))
	wantPrefix(t, r, "✅")
	before := len(w.emu.Calls(uploadMethod))
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset all"}))
	wantPrefix(t, r, "✅ 2 contacts: 2 done, 0 failed; 20 skipped (no personal photo)")
	if n := len(w.emu.Calls(uploadMethod)) - before; n != 2 {
		t.Errorf("/reset all made %d calls, want 2", n)
	}
	for _, u := range people[:2] {
		if _, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); ok {
			t.Errorf("%s still has a personal photo", u.FirstName)
		}
	}
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide all"}))
	wantPrefix(t, r, "✅ 22 contacts: 22 done")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo all"}))
	wantPrefix(t, r, "✅ 22 contacts: 22 done, 0 failed")
	for _, u := range people {
		if _, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); ok {
			t.Errorf("%s still has a personal photo after /undo all", u.FirstName)
		}
	}
}

// TestKeepAll: /keep all keeps the photo of each contact who has one and
// skips and counts the others.
func TestKeepAll(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 12, Photos: 5})
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep all"}))
	wantPrefix(t, r, "✅ 5 contacts: 5 done, 0 failed; 9 skipped (no photo of their own)")
}

// TestCommandDuringBulkJob: a command written while /hide all runs is
// answered before the job ends.
func TestCommandDuringBulkJob(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 300})
	w.emu.SetRTT(20 * time.Millisecond)
	bulk := w.post(t, emulator.Message{Text: "/hide all"})
	eventually(t, func() bool { return w.okUploads() >= 20 }, func() string { return d.log() })
	w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @" + people[0].Username}))
	if done := w.emu.Replies(w.me.ID, bulk); len(done) > 0 && !strings.HasPrefix(done[0].Message, "⏳") {
		t.Errorf("the single command was answered after the bulk job: %q", done[0].Message)
	}
	w.waitReply(t, d, bulk)
}
