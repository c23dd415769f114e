package vcard

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// want is what a test expects of a card: the photo by its decoded format.
type want struct {
	Index     int
	Name      string
	Phones    []string
	Photo     string // "jpeg", "png", or "" for none
	PhotoType string
	PhotoLink string
	Problem   error // matched with errors.Is
}

// readAll reads every card of data, and the error that ended it.
func readAll(t testing.TB, data []byte, limits Limits) ([]Card, error) {
	t.Helper()
	r := NewReader(bytes.NewReader(data), limits)
	var cards []Card
	for {
		c, err := r.Next()
		if err == io.EOF {
			return cards, nil
		}
		if err != nil {
			return cards, err
		}
		cards = append(cards, c)
	}
}

func checkCards(t *testing.T, cards []Card, wants []want) {
	t.Helper()
	if len(cards) != len(wants) {
		t.Fatalf("got %d cards, want %d: %+v", len(cards), len(wants), cards)
	}
	for i, c := range cards {
		w := wants[i]
		got := want{Index: c.Index, Name: c.Name, Phones: c.Phones, PhotoType: c.PhotoType, PhotoLink: c.PhotoLink}
		if c.Photo != nil {
			_, format, err := image.DecodeConfig(bytes.NewReader(c.Photo))
			if err != nil {
				t.Errorf("card %d: the photo does not decode: %v", c.Index, err)
			}
			got.Photo = format
		}
		if !errors.Is(c.Problem, w.Problem) || (c.Problem == nil) != (w.Problem == nil) {
			t.Errorf("card %d: problem %v, want %v", c.Index, c.Problem, w.Problem)
		}
		got.Problem = w.Problem
		if !reflect.DeepEqual(got, w) {
			t.Errorf("card %d:\n got %+v\nwant %+v", c.Index, got, w)
		}
	}
}

// TestReaderExporters reads samples written in the shapes each exporter
// produces (see how testdata/*.vcf are made in each file's comments below).
func TestReaderExporters(t *testing.T) {
	for _, tt := range []struct {
		file  string
		cards []want
	}{
		{"android_21.vcf", []want{
			{Index: 1, Name: "Иван Иванов Петрович", Phones: []string{"+7 916 123-45-67", "8 (495) 111-22-33"}, Photo: "jpeg", PhotoType: "JPEG"},
			{Index: 2, Name: "John Smith", Phones: []string{"+1 555-123-4567", "555-987-6543"}},
		}},
		{"ios_30.vcf", []want{
			{Index: 1, Name: "Johnny Appleseed", Phones: []string{"+1 (408) 555-0100", "(408) 555-0101"}, Photo: "jpeg", PhotoType: "JPEG"},
			{Index: 2, Name: "Mom", Phones: []string{"+44 7700 900123"}},
		}},
		{"google_30.vcf", []want{
			{Index: 1, Name: "Ann Lee", Phones: []string{"+49 151 23456789"}, PhotoLink: "https://lh3.googleusercontent.com/contacts/AAAAAA=s96"},
			{Index: 2, Name: "Bob Stone", Phones: []string{"015123456780"}, PhotoLink: "https://lh3.googleusercontent.com/contacts/BBBBB"},
		}},
		{"outlook_21.vcf", []want{
			{Index: 1, Name: "Jane Doe", Phones: []string{"(425) 555-0199", "+1 425 555 0198"}, Photo: "jpeg", PhotoType: "JPEG"},
			{Index: 2, Name: "Jürgen Müller", Phones: []string{"+49 170 1234567"}, PhotoLink: "http://example.com/j.jpg"},
		}},
		{"v40.vcf", []want{
			{Index: 1, Name: "Zoë Ortiz", Phones: []string{"+33-6-12-34-56-78"}, Photo: "png", PhotoType: "PNG"},
			{Index: 2, Name: "Li Wei", Phones: []string{"+86-138-0013-8000"}, PhotoLink: "https://example.com/li.jpg"},
			{Index: 3, Name: "No Photo", Phones: []string{"+1 202 555 0111"}},
			{Index: 4, Name: "Jpeg Four", Phones: []string{"+1 202 555 0112"}, Photo: "jpeg", PhotoType: "JPEG"},
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			cards, err := readAll(t, data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkCards(t, cards, tt.cards)
			// The same file with LF line ends, as some tools rewrite it.
			lf := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
			cards, err = readAll(t, lf, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkCards(t, cards, tt.cards)
		})
	}
}

// TestReaderShapes covers the variants that no sample above shows.
func TestReaderShapes(t *testing.T) {
	jpeg := jpegBase64(t)
	for _, tt := range []struct {
		name string
		vcf  string
		want []want
	}{
		{"names and parameters in any case", "begin:vcard\nversion:3.0\nfn:a b\nItem1.Tel;Type=cell:+1 555\nphoto;encoding=B;type=jpeg:" + jpeg + "\nend:vcard\n",
			[]want{{Index: 1, Name: "a b", Phones: []string{"+1 555"}, Photo: "jpeg", PhotoType: "JPEG"}}},
		{"N when there is no FN", "BEGIN:VCARD\nN:Public;John;Quinlan;Mr.;Esq.\nEND:VCARD\n",
			[]want{{Index: 1, Name: "Mr. John Quinlan Public Esq."}}},
		{"escaped FN", "BEGIN:VCARD\nFN:Doe\\, Jane\\;\nEND:VCARD\n",
			[]want{{Index: 1, Name: "Doe, Jane;"}}},
		{"2.1 base64 lines not indented, ended by an empty line", "BEGIN:VCARD\nVERSION:2.1\nPHOTO;BASE64;JPG:\n" + strings.Join(split(jpeg, 76), "\n") + "\n\nTEL:123456\nEND:VCARD\n",
			[]want{{Index: 1, Phones: []string{"123456"}, Photo: "jpeg", PhotoType: "JPEG"}}},
		{"base64 without padding", "BEGIN:VCARD\nPHOTO;ENCODING=b:" + strings.TrimRight(jpeg, "=") + "\nEND:VCARD\n",
			[]want{{Index: 1, Photo: "jpeg"}}},
		{"a byte order mark and blank lines", "\ufeff\r\n\r\nBEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n\r\n",
			[]want{{Index: 1, Name: "x"}}},
		{"no VERSION, no end of line at the end", "BEGIN:VCARD\nFN:x\nEND:VCARD",
			[]want{{Index: 1, Name: "x"}}},
		{"base64 without ENCODING", "BEGIN:VCARD\nPHOTO;TYPE=JPEG:" + jpeg + "\nEND:VCARD\n",
			[]want{{Index: 1, Photo: "jpeg", PhotoType: "JPEG"}}},
		{"the first PHOTO wins", "BEGIN:VCARD\nPHOTO:http://a\nPHOTO;ENCODING=b:" + jpeg + "\nEND:VCARD\n",
			[]want{{Index: 1, PhotoLink: "http://a"}}},
		{"folded TEL and a tab fold", "BEGIN:VCARD\nTEL:+1 55\n 5 01\n\t23\nEND:VCARD\n",
			[]want{{Index: 1, Phones: []string{"+1 555 0123"}}}},
		{"QP soft break at the very end", "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=\n=42\nEND:VCARD\n",
			[]want{{Index: 1, Name: "AB"}}},
		{"a QP soft break in a property not read", "BEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:call=\nTEL:+1 555 0100=0D=0A\nFN:a\nEND:VCARD\n",
			[]want{{Index: 1, Name: "a"}}},
		{"a stray line between cards", "BEGIN:VCARD\nFN:a\nEND:VCARD\nFN:stray\nBEGIN:VCARD\nFN:b\nEND:VCARD\n",
			[]want{{Index: 1, Name: "a"}, {Index: 2, Name: "b"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cards, err := readAll(t, []byte(tt.vcf), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkCards(t, cards, tt.want)
		})
	}
}

func split(s string, n int) []string {
	var parts []string
	for len(s) > n {
		parts, s = append(parts, s[:n]), s[n:]
	}
	return append(parts, s)
}

func jpegBase64(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/ios_30.vcf")
	if err != nil {
		t.Fatal(err)
	}
	// The iOS sample's photo, unfolded.
	s := strings.ReplaceAll(string(data), "\r\n ", "")
	_, s, _ = strings.Cut(s, "PHOTO;ENCODING=b;TYPE=JPEG:")
	s, _, _ = strings.Cut(s, "\r\n")
	return s
}
