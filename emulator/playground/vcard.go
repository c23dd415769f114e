package playground

import (
	"encoding/base64"
	"fmt"
	"strings"

	"persona/emulator"
)

// vcardLineMax is where a vCard line is folded: "Lines of text SHOULD NOT
// be longer than 75 octets, excluding the line break" (RFC 2426 §2.6, via
// RFC 2425 §5.8.1; the same in RFC 6350 §3.2 for 4.0).
const vcardLineMax = 75

// card is one address-book entry of the generated vCard file.
type card struct {
	first, last, phone string
	photo              []byte // a JPEG, or nil
}

// vcard is a vCard 3.0 file (RFC 2426) as a phone exports its address
// book: one card for each of the cast's contacts with a photo, one for a
// person Telegram does not know, and one without a photo. n makes the
// photos differ from those of earlier lines.
func (c cast) vcard(n int) []byte {
	cards := []card{
		{first: c.alice.FirstName, last: "Liddell", phone: "+" + c.alice.Phone, photo: emulator.JPEG(320, 320, 3000+n)},
		{first: c.bob.FirstName, last: "Builder", phone: c.bob.Phone, photo: emulator.JPEG(320, 320, 4000+n)},
		{first: "Zoe", last: "Nobody", phone: "+1 555 999 0000", photo: emulator.JPEG(320, 320, 5000+n)},
		{first: "Yuri", last: "Nophoto", phone: "+1 555 999 0001"},
	}
	var b strings.Builder
	for _, cd := range cards {
		writeCard(&b, cd)
	}
	return []byte(b.String())
}

// writeCard writes one vCard 3.0 card: CRLF line ends, the photo as
// "PHOTO;ENCODING=b;TYPE=JPEG:" base64 (RFC 2426 §3.1.4), folded.
func writeCard(b *strings.Builder, cd card) {
	lines := []string{
		"BEGIN:VCARD",
		"VERSION:3.0",
		fmt.Sprintf("N:%s;%s;;;", cd.last, cd.first),
		fmt.Sprintf("FN:%s %s", cd.first, cd.last),
		"TEL;TYPE=CELL:" + cd.phone,
	}
	if cd.photo != nil {
		lines = append(lines, "PHOTO;ENCODING=b;TYPE=JPEG:"+base64.StdEncoding.EncodeToString(cd.photo))
	}
	lines = append(lines, "END:VCARD")
	for _, l := range lines {
		writeFolded(b, l)
	}
}

// writeFolded writes a content line folded at vcardLineMax octets: each
// continuation starts with one space after the CRLF.
func writeFolded(b *strings.Builder, l string) {
	first := true
	for len(l) > 0 {
		room := vcardLineMax
		if !first {
			b.WriteByte(' ')
			room--
		}
		n := min(room, len(l))
		b.WriteString(l[:n])
		b.WriteString("\r\n")
		l, first = l[n:], false
	}
}
