package e2e_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestImportVCard: a 4-card file as exporters write it (a 2.1 card with
// base64 indented on lines of its own, a 3.0 card for no contact, a 4.0
// card with a folded data: URI, a 3.0 card without a photo): the two
// contacts matched by phone get the cards' photos, byte for byte, and
// /history, /list and /undo know them.
func TestImportVCard(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	carol := w.emu.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "carol", Phone: "+44 7700 900123"})
	dave := w.emu.AddUser(emulator.UserSpec{FirstName: "Dave", Username: "dave", Phone: "+33 6 12 34 56 78"})
	w.emu.AddContact(w.me.ID, carol.ID)
	w.emu.AddContact(w.me.ID, dave.ID)
	jpeg, pngData := emulator.JPEG(400, 400, 30_000), testPNG(200, 200)
	file := card21("Alice", "+1 (555) 000-2222", jpeg) + // alicePhone, written otherwise
		card30("Zed Nobody", "+49 30 1234567", jpeg) +
		card40("Carol C", "07700 900123", pngData) + // without the country code
		card30("Dave D", "+33612345678", nil)
	id, err := w.emu.PostDocument(w.me.ID, "contacts.vcf", "text/vcard", []byte(file), "/import")
	if err != nil {
		t.Fatal(err)
	}
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅ 4 cards: 2 photos set, 1 no Telegram contact, 1 no photo")
	for _, want := range []string{"card 2 (Zed Nobody): no Telegram contact", "card 4 (Dave D): no photo"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("reply %q does not say %q", r.Message, want)
		}
	}
	wantCardPhoto(t, w, w.alice.ID, jpeg)
	wantCardPhoto(t, w, carol.ID, pngData)
	if _, ok := w.emu.PersonalPhoto(w.me.ID, dave.ID); ok {
		t.Error("Dave got a photo from a card without one")
	}
	for _, text := range []string{"/history @carol", "/list"} {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: text}))
		if line := lineOf(r.Message, "@carol"); !strings.Contains(line, "vCard contacts.vcf, card 3") {
			t.Errorf("%s: line %q of %q does not name the file and card", text, line, r.Message)
		}
	}
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"}))
	wantPrefix(t, r, "✅")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Errorf("/undo after /import left @alice's photo (%q)", r.Message)
	}
	// Going back to the imported photo reads card 3 of the file again.
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @carol", Media: media})), "✅")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @carol"}))
	if wantPrefix(t, r, "✅"); !strings.Contains(r.Message, "vCard contacts.vcf, card 3") {
		t.Errorf("/undo %q does not name the card it went back to", r.Message)
	}
	wantCardPhoto(t, w, carol.ID, pngData)
}

// TestImportReplace: a contact who has a personal photo keeps it, and the
// summary says so; replace=yes, replying to the same file, sets it.
func TestImportReplace(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	old, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	jpeg := emulator.JPEG(300, 300, 20_000)
	doc, err := w.emu.PostDocument(w.me.ID, "phone.vcf", "text/x-vcard", []byte(card30("Alice", alicePhone, jpeg)), "")
	if err != nil {
		t.Fatal(err)
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/import", ReplyTo: doc}))
	wantPrefix(t, r, "✅ 1 card: 0 photos set, 1 kept their personal photo")
	if !strings.Contains(r.Message, "@alice already has a personal photo; replace=yes") {
		t.Errorf("reply %q does not name @alice and replace=yes", r.Message)
	}
	wantCardPhoto(t, w, w.alice.ID, old)
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/import replace=yes", ReplyTo: doc}))
	wantPrefix(t, r, "✅ 1 card: 1 photo set")
	wantCardPhoto(t, w, w.alice.ID, jpeg)
}

// TestImportNotVCard: a file that is not a vCard is named for what it is;
// a damaged card and a photo that is not an image are named, and the rest
// go on.
func TestImportNotVCard(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	id, err := w.emu.PostDocument(w.me.ID, "contacts.vcf", "text/vcard", []byte("%PDF-1.7\n%âãÏÓ\n"), "/import")
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix(t, w.waitReply(t, d, id), "❌ contacts.vcf is not a vCard file: it looks like a PDF")
	id, err = w.emu.PostDocument(w.me.ID, "huge.vcf", "text/vcard", make([]byte, 21<<20), "/import")
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix(t, w.waitReply(t, d, id), "❌ huge.vcf is 21.0 MB; /import reads vCard files of at most 20 MB")

	bad := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nTEL:+15550002222\r\n" + // no END: the next card begins
		card30("Alice", alicePhone, []byte("GIF89a not a photo")) +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Base64\r\nTEL:+15550002222\r\nPHOTO;ENCODING=b;TYPE=JPEG:!!!!\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Phones\r\n" + strings.Repeat("TEL:+15550002222\r\n", 1000) + "END:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Note\r\nNOTE:" + strings.Repeat("x", 10<<20) + "\r\nEND:VCARD\r\n"
	id, err = w.emu.PostDocument(w.me.ID, "bad.vcf", "text/vcard", []byte(bad), "/import")
	if err != nil {
		t.Fatal(err)
	}
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅ 5 cards: 0 photos set, 2 refused, 3 damaged")
	for _, want := range []string{
		"card 1 (Broken): damaged", "card 2 (Alice): photo for @alice refused: ",
		"card 3 (Bad Base64): photo for @alice refused: the photo's base64 does not decode",
		"card 4 (Many Phones): damaged, skipped: the card has too many phone numbers",
		"card 5 (Long Note): damaged, skipped: a line of the card is over the length limit",
	} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("reply %q does not say %q", r.Message, want)
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("%d uploads for refused photos", n)
	}
}

// TestImportCrash: a daemon killed in the middle of 200 cards goes on
// after the restart where it stopped: every contact gets its photo, none
// twice, and the one reply counts all 200.
func TestImportCrash(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 200})
	jpeg := emulator.JPEG(200, 200, 0)
	var file strings.Builder
	for _, u := range people {
		file.WriteString(card30(u.FirstName+" "+u.LastName, "+"+u.Phone, jpeg))
	}
	id, err := w.emu.PostDocument(w.me.ID, "all.vcf", "text/vcard", []byte(file.String()), "/import")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, func() bool { return w.okUploads() >= 40 }, func() string { return "no 40 photos set\n" + d.log() })
	held := w.emu.Held(uploadMethod)
	w.emu.Delay(uploadMethod, time.Hour) // the next one is in flight when the daemon dies
	waitHeld(t, w, uploadMethod, held, d)
	d.kill(t)
	w.emu.Delay(uploadMethod, 0)
	if n := len(w.emu.Replies(w.me.ID, id)); n > 0 && !strings.HasPrefix(w.emu.Replies(w.me.ID, id)[0].Message, "⏳") {
		t.Fatalf("killed mid-file, yet answered: %q", w.emu.Replies(w.me.ID, id)[0].Message)
	}

	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, id), "✅ 200 cards: 200 photos set")
	perUser := map[int64]int{}
	for _, req := range w.uploads(t) {
		if in, ok := req.UserID.(*tg.InputUser); ok {
			perUser[in.UserID]++
		}
	}
	for _, u := range people {
		if perUser[u.ID] != 1 {
			t.Errorf("%s %s: %d photos set, want 1", u.FirstName, u.LastName, perUser[u.ID])
		}
	}
}

func wantCardPhoto(t *testing.T, w *world, user int64, data []byte) {
	t.Helper()
	pp, ok := w.emu.PersonalPhoto(w.me.ID, user)
	if !ok || !bytes.Equal(pp.Data, data) {
		t.Fatalf("user %d: personal photo %v of %d bytes, want the card's %d bytes", user, ok, len(pp.Data), len(data))
	}
}

// card21 is a vCard 2.1 card as Android writes it: the photo's base64 on
// lines of 76 indented by two spaces, after the first, ended by a blank line.
func card21(name, phone string, jpeg []byte) string {
	b64 := base64.StdEncoding.EncodeToString(jpeg)
	var b strings.Builder
	fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;%s;;;\r\nFN:%s\r\nTEL;CELL:%s\r\nPHOTO;ENCODING=BASE64;JPEG:", name, name, phone)
	for i := 0; i < len(b64); i += 76 {
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(b64[i:min(i+76, len(b64))] + "\r\n")
	}
	b.WriteString("\r\nEND:VCARD\r\n")
	return b.String()
}

// card30 is a vCard 3.0 card as iOS writes it, its photo folded at 75
// octets (RFC 6350 §3.2); no photo when jpeg is nil.
func card30(name, phone string, jpeg []byte) string {
	s := fmt.Sprintf("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nitem1.TEL;type=pref:%s\r\n", name, phone)
	if jpeg != nil {
		s += fold("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.StdEncoding.EncodeToString(jpeg))
	}
	return s + "END:VCARD\r\n"
}

// card40 is a vCard 4.0 card with a data: URI photo, folded.
func card40(name, phone string, pngData []byte) string {
	return fmt.Sprintf("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:%s\r\nTEL;VALUE=uri;TYPE=cell:tel:%s\r\n", name, phone) +
		fold("PHOTO:data:image/png;base64,"+base64.StdEncoding.EncodeToString(pngData)) + "END:VCARD\r\n"
}

// fold splits a content line into lines of 75 octets, each continued by
// CRLF and a space.
func fold(line string) string {
	var b strings.Builder
	for len(line) > 75 {
		b.WriteString(line[:75] + "\r\n ")
		line = line[75:]
	}
	return b.String() + line + "\r\n"
}

func testPNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 90, A: 255})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}
