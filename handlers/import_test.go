package handlers

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"persona/media/vcard"
	"persona/storage"
)

// TestImportSummary: the counts name the photos set always and the other
// tallies when there are any, in a fixed order; the skipped cards follow;
// only a failure makes it ❌.
func TestImportSummary(t *testing.T) {
	step := func(tally, line string) storage.Step {
		return storage.Step{OK: tally != tallyFailed, Tally: tally, Line: line}
	}
	for _, tc := range []struct {
		name  string
		steps []storage.Step
		want  string
	}{
		{"all set", []storage.Step{step(tallySet, "card 1: set"), step(tallySet, "card 2: set")}, "✅ 2 cards: 2 photos set"},
		{"one", []storage.Step{step(tallySet, "card 1: set")}, "✅ 1 card: 1 photo set"},
		{"skipped in order", []storage.Step{
			step(tallyAmbiguous, "card 1: ambiguous"), step(tallyNoContact, "card 2: no Telegram contact"),
			step(tallySet, "card 3: set"), step(tallyNoPhoto, "card 4: no photo"), step(tallyRefused, "card 5: refused"),
		}, "✅ 5 cards: 1 photo set, 1 no Telegram contact, 1 no photo, 1 ambiguous, 1 refused\nSkipped:\n" +
			"card 1: ambiguous\ncard 2: no Telegram contact\ncard 4: no photo\ncard 5: refused"},
		{"failed", []storage.Step{step(tallySet, "card 1: set"), step(tallyFailed, "card 2: @bob: failed (x)")},
			"❌ 2 cards: 1 photo set, 1 failed\nSkipped:\ncard 2: @bob: failed (x)"},
		{"journalled without a tally", []storage.Step{{OK: true, Line: "a"}, {OK: false, Line: "b"}},
			"❌ 2 cards: 1 photo set, 1 failed\nSkipped:\nb"},
		{"no cards", nil, "❌ f.vcf has no cards"},
	} {
		var s importSummary
		for _, st := range tc.steps {
			s.add(st)
		}
		if got := s.outcome("f.vcf").String(); got != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// TestReadCards: what ends a file is told in words naming it; f may stop
// the reading.
func TestReadCards(t *testing.T) {
	for _, tc := range []struct {
		name, file, err string
		cards           int
	}{
		{"pdf", "%PDF-1.4\n", "c.vcf is not a vCard file: it looks like a PDF", 0},
		{"empty", "", "c.vcf is not a vCard file: it looks like an empty file", 0},
		{"cards", strings.Repeat("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", 3), "", 3},
		{"stops", strings.Repeat("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", 9), "", 5},
	} {
		n := 0
		err := readCards(strings.NewReader(tc.file), "c.vcf", func(vcard.Card) bool { n++; return n == 5 })
		if got := errText(err); got != tc.err || n != tc.cards {
			t.Errorf("%s: %d cards, error %q; want %d, %q", tc.name, n, got, tc.cards, tc.err)
		}
	}
	big := "BEGIN:VCARD\r\nNOTE:" + strings.Repeat("x", maxVCardFile) + "\r\nEND:VCARD\r\n"
	err := readCards(strings.NewReader(big), "big.vcf", func(vcard.Card) bool { return false })
	if got := errText(err); got != "big.vcf is over 20 MB; /import reads vCard files of at most 20 MB" {
		t.Errorf("a file over 20 MB: %q", got)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return explain("", err)
}

// TestCheckCardPhoto: the rules of any image, for JPEG and PNG only.
func TestCheckCardPhoto(t *testing.T) {
	for _, tc := range []struct {
		name  string
		photo []byte
		err   string
	}{
		{"jpeg", encodeJPEG(t, 200, 160), ""},
		{"png", encodePNG(t, 160, 300), ""},
		{"small", encodeJPEG(t, 100, 100), "image is 100×100; a profile photo must be at least 160×160"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "the photo is a gif image; Persona takes JPEG or PNG from a vCard"},
		{"not an image", []byte("hello, world"), "the photo is not an image"},
		{"cut short", encodeJPEG(t, 200, 200)[:20], "cut short"},
		{"over 10 MB", append(encodeJPEG(t, 200, 200), make([]byte, 10<<20)...), "Telegram takes profile photos of at most 10 MB"},
	} {
		got := errText(checkCardPhoto(tc.photo))
		if tc.err == "" && got != "" || !strings.Contains(got, tc.err) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.err)
		}
	}
}

func encodeJPEG(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
