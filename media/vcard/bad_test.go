package vcard

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

func TestReaderDamagedCards(t *testing.T) {
	jpeg := jpegBase64(t)
	ok := func(name string) string { return "BEGIN:VCARD\nFN:" + name + "\nEND:VCARD\n" }
	for _, tt := range []struct {
		name   string
		vcf    string
		limits Limits
		want   []want
	}{
		{"BEGIN without END mid-file", ok("a") + "BEGIN:VCARD\nFN:b\nTEL:+1 555\n" + ok("c"), Limits{},
			[]want{{Index: 1, Name: "a"}, {Index: 2, Name: "b", Phones: []string{"+1 555"}, Problem: ErrNoEnd}, {Index: 3, Name: "c"}}},
		{"the file ends inside a card", ok("a") + "BEGIN:VCARD\nFN:b\n", Limits{},
			[]want{{Index: 1, Name: "a"}, {Index: 2, Name: "b", Problem: ErrNoEnd}}},
		{"base64 that does not decode", "BEGIN:VCARD\nFN:a\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/!!!!\nEND:VCARD\n" + ok("b"), Limits{},
			[]want{{Index: 1, Name: "a", Problem: ErrBadBase64}, {Index: 2, Name: "b"}}},
		{"an empty base64 photo", "BEGIN:VCARD\nFN:a\nPHOTO;ENCODING=b:\nEND:VCARD\n", Limits{},
			[]want{{Index: 1, Name: "a", Problem: ErrBadBase64}}},
		{"a data: URI that is not base64", "BEGIN:VCARD\nFN:a\nPHOTO:data:image/jpeg,%FF%D8\nEND:VCARD\n", Limits{},
			[]want{{Index: 1, Name: "a", Problem: ErrBadDataURI}}},
		{"a photo over the limit", "BEGIN:VCARD\nFN:a\nPHOTO;ENCODING=b:" + jpeg + "\nEND:VCARD\n" + ok("b"), Limits{MaxPhoto: 100},
			[]want{{Index: 1, Name: "a", Problem: ErrPhotoTooLarge}, {Index: 2, Name: "b"}}},
		{"a data: photo over the limit", "BEGIN:VCARD\nFN:a\nPHOTO:data:image/jpeg;base64," + jpeg + "\nEND:VCARD\n", Limits{MaxPhoto: 100},
			[]want{{Index: 1, Name: "a", Problem: ErrPhotoTooLarge}}},
		{"1,000 TEL lines", "BEGIN:VCARD\nFN:a\n" + strings.Repeat("TEL:+1 555 0100\n", 1000) + "END:VCARD\n" + ok("b"), Limits{},
			[]want{{Index: 1, Name: "a", Phones: slicesRepeat("+1 555 0100", 100), Problem: ErrTooManyPhones}, {Index: 2, Name: "b"}}},
		{"a long NOTE", "BEGIN:VCARD\nFN:a\nNOTE:" + strings.Repeat("x", 70<<10) + "\nEND:VCARD\n" + ok("b"), Limits{},
			[]want{{Index: 1, Name: "a", Problem: ErrLineTooLong}, {Index: 2, Name: "b"}}},
		{"a long folded FN", "BEGIN:VCARD\nFN:a" + strings.Repeat("\n x", 70<<10) + "\nEND:VCARD\n" + ok("b"), Limits{},
			[]want{{Index: 1, Problem: ErrLineTooLong}, {Index: 2, Name: "b"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cards, err := readAll(t, []byte(tt.vcf), tt.limits)
			if err != nil {
				t.Fatal(err)
			}
			checkCards(t, cards, tt.want)
		})
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestReaderLongLinesBoundedMemory: a line of 10 MB in a card's TEL, NOTE
// or head is refused, and reading it costs far less than its length.
func TestReaderLongLinesBoundedMemory(t *testing.T) {
	long := strings.Repeat("7", 10<<20)
	for _, tt := range []struct {
		name string
		line string
	}{
		{"TEL", "TEL:" + long},
		{"NOTE", "NOTE:" + long},
		{"a head without ':'", "X-" + long},
		{"an unknown base64 property", "LOGO;ENCODING=b:" + strings.Repeat("A", 15<<20)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte("BEGIN:VCARD\nFN:a\n" + tt.line + "\nEND:VCARD\nBEGIN:VCARD\nFN:b\nEND:VCARD\n")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cards, err := readAll(t, data, Limits{})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
				t.Errorf("reading a 10 MB line allocated %d bytes", alloc)
			}
			problem := ErrLineTooLong
			if tt.name == "a head without ':'" {
				problem = nil // not a property: skipped as such
			}
			checkCards(t, cards, []want{{Index: 1, Name: "a", Problem: problem}, {Index: 2, Name: "b"}})
		})
	}
}

// TestReaderFileTooLarge: a file past MaxFile ends with ErrFileTooLarge,
// read as a stream (the input is generated, never held).
func TestReaderFileTooLarge(t *testing.T) {
	card := "BEGIN:VCARD\nFN:a\nNOTE:" + strings.Repeat("x", 1000) + "\nEND:VCARD\n"
	src := io.LimitReader(&repeater{s: card}, 21<<20)
	r := NewReader(src, Limits{})
	n := 0
	var err error
	for ; err == nil; n++ {
		_, err = r.Next()
	}
	if !errors.Is(err, ErrFileTooLarge) {
		t.Fatalf("after %d cards: %v, want ErrFileTooLarge", n, err)
	}
	if want := 20 << 20 / len(card); n < want-1 || n > want+1 {
		t.Errorf("read %d cards before the limit, want about %d", n, want)
	}
	if _, err := r.Next(); !errors.Is(err, ErrFileTooLarge) {
		t.Errorf("Next after the end: %v", err)
	}
	// Exactly MaxFile bytes is fine.
	exact := bytes.Repeat([]byte(card), 10)
	if _, err := readAll(t, exact, Limits{MaxFile: int64(len(exact))}); err != nil {
		t.Errorf("a file of exactly MaxFile: %v", err)
	}
}

// repeater repeats s forever.
type repeater struct {
	s string
	i int
}

func (r *repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.s[r.i:])
		n += c
		r.i = (r.i + c) % len(r.s)
	}
	return n, nil
}

func TestReaderNotVCard(t *testing.T) {
	for _, tt := range []struct {
		name string
		data string
		what string
	}{
		{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"},
		{"PDF", "%PDF-1.7\n", "a PDF"},
		{"ZIP", "PK\x03\x04\x14\x00", "a ZIP archive (or a Word or Excel file)"},
		{"MP4", "\x00\x00\x00\x18ftypmp42", "a video or an HEIC image"},
		{"text", "Hello, this is my address book\n", "plain text"},
		{"CSV", "Name,Given Name,Family Name\nAnn,Ann,Lee\n", "a CSV table"},
		{"calendar", "BEGIN:VCALENDAR\nVERSION:2.0\n", "a calendar (iCalendar)"},
		{"HTML", "<!doctype html><html>", "a web page (HTML)"},
		{"binary", "\x00\x01\x02\x03garbage", "binary data"},
		{"empty", "", "an empty file"},
		{"blank", " \r\n\r\n", "an empty file"},
		{"UTF-16", "\xff\xfeB\x00E\x00", "UTF-16 text"},
		{"a property first", "VERSION:3.0\nBEGIN:VCARD\n", "plain text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, []byte(tt.data), Limits{})
			var notVCard *NotVCardError
			if !errors.As(err, &notVCard) || notVCard.What != tt.what {
				t.Fatalf("got %v, want it to look like %q", err, tt.what)
			}
		})
	}
}

// TestReaderLargePhotos: a photo just under 10 MB is read; one over it is
// refused, costing at most the 10 MB it was allowed and never its text.
func TestReaderLargePhotos(t *testing.T) {
	for _, tt := range []struct {
		name    string
		size    int
		problem error
	}{
		{"under 10 MB", 10<<20 - 1, nil},
		{"over 10 MB", 10<<20 + 1, ErrPhotoTooLarge},
		{"far over 10 MB", 12 << 20, ErrPhotoTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			photo := bytes.Repeat([]byte{0xA5}, tt.size)
			var vcf bytes.Buffer
			vcf.WriteString("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:a\r\nPHOTO;ENCODING=BASE64;JPEG:\r\n")
			for _, line := range split(base64.StdEncoding.EncodeToString(photo), 76) {
				vcf.WriteString("  " + line + "\r\n")
			}
			vcf.WriteString("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:b\r\nEND:VCARD\r\n")
			data := vcf.Bytes()
			photo = nil
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cards, err := readAll(t, data, Limits{})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(cards) != 2 || !errors.Is(cards[0].Problem, tt.problem) || cards[1].Name != "b" {
				t.Fatalf("got %d cards: %+v", len(cards), cards[0].Problem)
			}
			if tt.problem == nil && len(cards[0].Photo) != tt.size {
				t.Errorf("a %d-byte photo, want %d", len(cards[0].Photo), tt.size)
			}
			// The photo's buffer as it grows (about twice its size in
			// all), never the base64 text's 13.3 MB on top.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*(10<<20) {
				t.Errorf("reading it allocated %d bytes", alloc)
			}
		})
	}
}
