package vcard

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.vcf")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=\n=42=\nEND:VCARD",
		"BEGIN:VCARD\nPHOTO;BASE64:\nAAAA\n\nEND:VCARD\nBEGIN:VCARD\n",
		"BEGIN:VCARD\nPHOTO:data:image/png;base64,iVBORw0KGgo=\nTEL;VALUE=uri:tel:+1;ext=2\nEND:VCARD",
		"BEGIN:VCARD\nX;A=\"a:b\":c\nN:a\\;b;c\nEND:VCARD",
		"\xff\xd8\xff",
		"",
	} {
		f.Add([]byte(s))
	}
	limits := Limits{MaxFile: 1 << 16, MaxPhoto: 1 << 10, MaxLine: 256, MaxPhones: 4}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), limits)
		for i := 1; ; i++ {
			c, err := r.Next()
			if err == io.EOF {
				return
			}
			var notVCard *NotVCardError
			if errors.As(err, &notVCard) && i == 1 && notVCard.What != "" {
				return
			}
			if err != nil {
				t.Fatalf("card %d: %v", i, err)
			}
			if c.Index != i {
				t.Fatalf("card %d has index %d", i, c.Index)
			}
			if len(c.Phones) > limits.MaxPhones || len(c.Photo) > limits.MaxPhoto {
				t.Fatalf("card %d is over the limits: %d phones, a %d-byte photo", i, len(c.Phones), len(c.Photo))
			}
			if len(c.Name) > 4*limits.MaxLine || len(c.PhotoLink) > limits.MaxLine {
				t.Fatalf("card %d: a name of %d bytes, a link of %d", i, len(c.Name), len(c.PhotoLink))
			}
			if i > len(data) {
				t.Fatalf("%d cards from %d bytes", i, len(data))
			}
		}
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("447700900123", "79161234567", "+44 7700 900123", "07700 900123")
	f.Add("33612345678", "32412345678", "12345678", "")
	f.Add("", "0", "00", "+")
	f.Fuzz(func(t *testing.T, phone1, phone2, card1, card2 string) {
		m := NewMatcher([]Contact{{ID: 1, Phone: phone1}, {ID: 2, Phone: phone2}})
		got := m.Match([]string{card1, card2})
		switch got.Result {
		case Matched:
			if got.ID != 1 && got.ID != 2 || got.Candidates != nil {
				t.Fatalf("matched %+v", got)
			}
		case Ambiguous:
			if len(got.Candidates) < 2 || !slices.IsSorted(got.Candidates) {
				t.Fatalf("ambiguous %+v", got)
			}
		case NoContact:
			if got.ID != 0 || got.Candidates != nil {
				t.Fatalf("no contact %+v", got)
			}
		}
		// A card is matched by digits alone: the same digits as the
		// contact's, with a "+", always match that contact.
		if d := digits(phone1); len(d) >= MinLocalDigits && d != digits(phone2) {
			if got := m.Match([]string{"+" + d}); got.Result != Matched || got.ID != 1 {
				t.Fatalf("+%s matched %+v", d, got)
			}
		}
	})
}
