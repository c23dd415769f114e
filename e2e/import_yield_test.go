package e2e_test

import (
	"strings"
	"testing"
	"time"

	"persona/emulator"
)

// TestImportGivesWay: a /setphoto written while a 200-card /import runs is
// answered before the import ends (the import gives way between slices of
// cards, as a job for `all` contacts does), and the import then keeps the
// photo it set: the contact's card counts as keeping their personal photo.
func TestImportGivesWay(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 200})
	w.emu.SetRTT(20 * time.Millisecond)
	jpeg := emulator.JPEG(200, 200, 0)
	var file strings.Builder
	for _, u := range people {
		file.WriteString(card30(u.FirstName+" "+u.LastName, "+"+u.Phone, jpeg))
	}
	id, err := w.emu.PostDocument(w.me.ID, "many.vcf", "text/vcard", []byte(file.String()), "/import")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, func() bool { return w.okUploads() >= 20 }, func() string { return "no 20 photos set\n" + d.log() })
	// Slow the job down, so the command below lands while it still runs
	// however loaded the machine is; the command's own upload waits too.
	w.emu.Delay(uploadMethod, 300*time.Millisecond)
	late := people[len(people)-1] // its card is the file's last
	own, media := photo()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @" + late.Username, Media: media}))
	wantPrefix(t, r, "✅")
	w.emu.Delay(uploadMethod, 0)
	if done := w.emu.Replies(w.me.ID, id); len(done) > 0 && !strings.HasPrefix(done[0].Message, "⏳") {
		t.Errorf("/setphoto was answered after the import: %q", done[0].Message)
	}
	r = w.waitReply(t, d, id)
	wantPrefix(t, r, "✅ 200 cards: 199 photos set, 1 kept their personal photo")
	if !strings.Contains(r.Message, "@"+late.Username+" already has a personal photo") {
		t.Errorf("reply %q does not name @%s as keeping their photo", r.Message, late.Username)
	}
	wantCardPhoto(t, w, late.ID, own)
}
