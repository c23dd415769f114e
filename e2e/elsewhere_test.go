package e2e_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestChangedElsewhereFollowed: a personal photo set, replaced or removed in
// another of the owner's apps reaches the daemon as updateUser; it checks
// those contacts with one users.getUsers for the burst, and /history and
// /list (which read the records) say what happened there.
func TestChangedElsewhereFollowed(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media})), "✅")

	seq := w.emu.LastSeq()
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, w.bob.ID, emulator.JPEG(300, 300, 10))
	w.emu.RemovePersonalPhotoElsewhere(w.me.ID, w.alice.ID)
	check := waitUsersCheck(t, w, seq, d)
	if got := len(check.ID); got != 2 {
		t.Errorf("the burst of two updateUser was checked with %d users in the first users.getUsers, want both at once", got)
	}

	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @bob"}))
	if !strings.Contains(hist.Message, "⚠ replaced in another app") {
		t.Errorf("/history @bob after a change in another app:\n%s", hist.Message)
	}
	hist = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if !strings.Contains(hist.Message, "now: none (removed in another app") {
		t.Errorf("/history @alice after a removal in another app:\n%s", hist.Message)
	}
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	for _, want := range []string{"@bob: photo from message", "⚠ replaced in another app", "@alice: removed in another app"} {
		if !strings.Contains(list.Message, want) {
			t.Errorf("/list does not say %q:\n%s", want, list.Message)
		}
	}

	// Set there after Persona removed it: told as not Persona's.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @bob"})), "✅")
	seq = w.emu.LastSeq()
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, w.bob.ID, emulator.JPEG(320, 320, 20))
	waitUsersCheck(t, w, seq, d)
	hist = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @bob"}))
	if !strings.Contains(hist.Message, "now: not by Persona: ⚠ a personal photo was set in another app") {
		t.Errorf("/history @bob after a photo set in another app:\n%s", hist.Message)
	}
}

// TestUnfollowedUserNotChecked: updateUser for someone Persona keeps no
// record of costs no call.
func TestUnfollowedUserNotChecked(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	seq := w.emu.LastSeq()
	w.emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(400, 400, 30)) // bob changed his own photo
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(400, 400, 40))
	check := waitUsersCheck(t, w, seq, d)
	if len(check.ID) != 1 || check.ID[0].(*tg.InputUser).UserID != w.alice.ID {
		t.Errorf("checked %v, want @alice alone", check.ID)
	}
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if strings.Contains(hist.Message, "another app") {
		t.Errorf("@alice's own new photo taken for a change in another app:\n%s", hist.Message)
	}
}

// TestTimerLeavesChangeElsewhere: a timer whose photo was replaced in
// another app while the daemon was down asks Telegram first, changes
// nothing, and says why.
func TestTimerLeavesChangeElsewhere(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob for=1h", Media: media})), "✅")
	d.stop(t)
	theirs := emulator.JPEG(330, 330, 50)
	w.emu.SetPersonalPhotoElsewhere(w.me.ID, w.bob.ID, theirs)
	uploads := len(w.emu.Calls(uploadMethod))

	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	w.waitNotice(t, d, "⏲ @bob: the timer ran out; the photo was changed in another app, so it was left as it is")
	if got := len(w.emu.Calls(uploadMethod)); got != uploads {
		t.Errorf("%d photos.uploadContactProfilePhoto after the timer, want none", got-uploads)
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || !bytes.Equal(pp.Data, theirs) {
		t.Fatal("the timer overwrote the photo set in another app")
	}
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if strings.Contains(list.Message, "until") || !strings.Contains(list.Message, "⚠ replaced in another app") {
		t.Errorf("/list after the timer left the photo:\n%s", list.Message)
	}
}

// TestDeletedAccountTimer: a contact who deleted their account is shown so
// by /list, and their timer ends with a notice and no call.
func TestDeletedAccountTimer(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob for=1h", Media: media})), "✅")
	seq := w.emu.LastSeq()
	w.emu.DeleteAccount(w.bob.ID)
	waitUsersCheck(t, w, seq, d)
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if !strings.Contains(list.Message, "deleted their account") {
		t.Errorf("/list after @bob deleted his account:\n%s", list.Message)
	}
	d.stop(t)
	uploads := len(w.emu.Calls(uploadMethod))
	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	w.waitNotice(t, d, "⏲ @bob: the timer ran out; @bob deleted their account, so nothing was changed")
	if got := len(w.emu.Calls(uploadMethod)); got != uploads {
		t.Errorf("%d photos.uploadContactProfilePhoto for a deleted account, want none", got-uploads)
	}
}

// TestTimerContactRemoved: a timer for someone no longer in the contacts
// ends in plain words, without a call Telegram would refuse.
func TestTimerContactRemoved(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob for=1h", Media: media})), "✅")
	d.stop(t)
	w.emu.RemoveContact(w.me.ID, w.bob.ID)
	uploads := len(w.emu.Calls(uploadMethod))
	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	w.waitNotice(t, d, "⏲ @bob: the timer ran out; @bob is no longer in your contacts, so nothing was changed")
	if got := len(w.emu.Calls(uploadMethod)); got != uploads {
		t.Errorf("%d photos.uploadContactProfilePhoto for a removed contact, want none", got-uploads)
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @bob"}))
	wantPrefix(t, r, "❌")
	if !strings.Contains(r.Message, "@bob is not in your contacts") {
		t.Errorf("/reset of a removed contact: %q", r.Message)
	}
}

// waitUsersCheck waits for the daemon's users.getUsers of contacts after
// seq and returns it.
func waitUsersCheck(t *testing.T, w *world, seq int, d *daemon) *tg.UsersGetUsersRequest {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	ev, err := w.emu.WaitEvent(ctx, seq, func(ev emulator.Event) bool { return isSync(ev, w.me.ID) })
	if err != nil {
		t.Fatalf("no users.getUsers of the changed contacts\ndaemon log:\n%s", d.log())
	}
	return ev.Request.(*tg.UsersGetUsersRequest)
}
