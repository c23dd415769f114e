package handlers

import (
	"fmt"
	"strings"
	"testing"

	"persona/media/vcard"
	"persona/storage"
)

// TestImportCardSkips: every way a card is skipped without a call to
// Telegram, its tally and the words that name it, and a card to do with
// the contact it is for.
func TestImportCardSkips(t *testing.T) {
	r, db, _ := newTestRunner(t)
	savedAlice(t, db)
	aliceHasPhoto(t, db) // @alice (42) has a photo recorded
	contacts := []storage.Contact{
		{ID: 42, AccessHash: 7, Username: "alice", Phone: "15550002222"},
		{ID: 43, AccessHash: 8, Username: "bob", Phone: "15550003333", Personal: true},
		{ID: 44, AccessHash: 9, Username: "carol", Phone: "447700900123"},
		{ID: 45, AccessHash: 1, Username: "dan", Phone: "337700900123"}, // ends as carol's
		{ID: 46, AccessHash: 2, Username: "helper_bot", Phone: "15550004444", Bot: true},
		{ID: 47, AccessHash: 3, Phone: "15550005555"},
		{ID: 48, AccessHash: 4, Username: "nophone"},
	}
	imp := &vcardImport{msgID: 100, doc: vcardDoc{msgID: 99, name: "c.vcf"}}
	imp.withContacts(contacts)
	jpeg := encodeJPEG(t, 200, 200)
	for _, tc := range []struct {
		card        vcard.Card
		tally, line string
	}{
		{vcard.Card{Name: "Cut", Phones: []string{"+15550005555"}, Problem: fmt.Errorf("%w: x", vcard.ErrNoEnd)}, tallyDamaged, "card 1 (Cut): damaged, skipped: the card has no END:VCARD: x"},
		{vcard.Card{Phones: []string{"+49301234567"}, Photo: jpeg}, tallyNoContact, "card 1: no Telegram contact"},
		{vcard.Card{Name: "C", Phones: []string{"07700 900123"}, Photo: jpeg}, tallyAmbiguous, "card 1 (C): ambiguous: its phone matches @carol, @dan"},
		{vcard.Card{Name: "E", Phones: []string{"+15550005555"}, PhotoLink: "https://x/e.jpg"}, tallyLink, "card 1 (E): the photo is a link, not fetched"},
		{vcard.Card{Name: "E", Phones: []string{"+15550005555"}}, tallyNoPhoto, "card 1 (E): no photo"},
		{vcard.Card{Name: "E", Phones: []string{"+15550005555"}, Problem: fmt.Errorf("%w (x)", vcard.ErrBadBase64)}, tallyRefused, "card 1 (E): photo for +15550005555 refused: the photo's base64 does not decode (x)"},
		{vcard.Card{Name: "E", Phones: []string{"+15550005555"}, Photo: []byte("GIF89a....")}, tallyRefused, "card 1 (E): photo for +15550005555 refused: the photo is a gif image"},
		{vcard.Card{Name: "H", Phones: []string{"+15550004444"}, Photo: jpeg}, tallyRefused, "card 1 (H): @helper_bot is a bot"},
		{vcard.Card{Name: "A", Phones: []string{"+1 555 000 2222"}, Photo: jpeg}, tallyHasPhoto, "card 1 (A): @alice already has a personal photo; replace=yes sets this one"},
		{vcard.Card{Name: "B", Phones: []string{"5550003333"}, Photo: jpeg}, tallyHasPhoto, "card 1 (B): @bob already has a personal photo"},
	} {
		tc.card.Index = 1
		it := r.judgeCard(imp, tc.card)
		if it.Tally != tc.tally || !strings.HasPrefix(it.Line, tc.line) || it.State != storage.BulkSkipped || it.Index != 0 {
			t.Errorf("%+v: item %+v, want %s %q", tc.card.Phones, it, tc.tally, tc.line)
		}
	}
	it := r.judgeCard(imp, vcard.Card{Index: 3, Name: "D", Phones: []string{"+33 7 70 09 00 12 3"}, Photo: jpeg})
	if it.State != storage.BulkToDo || it.Contact.ID != 45 || it.Index != 2 || it.Line != "" {
		t.Errorf("card for @dan: item %+v, want to do for contact 45", it)
	}
}
