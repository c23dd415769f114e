package e2e_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestWatchAllReadsListWithHash: `/watch all` reads the contact list with
// the hash of the one held, as the bulk jobs do. Telegram's hash covers
// who is a contact, not their photos, so the list held may show a photo a
// contact has since replaced: that is no change to tell, and their new
// photo is the one kept.
func TestWatchAllReadsListWithHash(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 5, Photos: 2})
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch all"})), "✅ 7 contacts watched")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/unwatch all"})), "✅")

	fresh := emulator.JPEG(640, 640, 777)
	w.emu.SetProfilePhoto(people[0].ID, fresh)
	seq := w.emu.LastSeq()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch all"})), "✅ 7 contacts watched")
	var hashes []int64
	for _, ev := range w.emu.EventsAfter(seq) {
		if req, ok := ev.Request.(*tg.ContactsGetContactsRequest); ok {
			hashes = append(hashes, req.Hash)
		}
	}
	if len(hashes) == 0 || slices.Contains(hashes, 0) {
		t.Fatalf("contacts.getContacts with hashes %v after a list was read; want the held list's hash", hashes)
	}
	sum := sha256.Sum256(fresh)
	kept := hex.EncodeToString(sum[:]) + ".jpg"
	eventually(t, func() bool { return slices.Contains(archiveFiles(t, w), kept) }, func() string {
		return fmt.Sprintf("archive holds %v, want the new photo %s\n%s", archiveFiles(t, w), kept, d.log())
	})
	if n := len(w.watchNotices("👁")); n != 0 {
		t.Fatalf("%d notices for a photo replaced before the watch began", n)
	}
}
