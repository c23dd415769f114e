// Package vcard reads the contacts of a vCard file (.vcf) as address books
// export them (Android Contacts, iOS, Google Contacts, Outlook: vCard 2.1,
// 3.0 and 4.0), one card at a time: a name, the phone numbers and the
// photo. It never holds more than one card beside its photo, and refuses
// what is too large with bounded memory.
//
// No kept Go library does this: github.com/emersion/go-vcard (decoder.go)
// reads each unfolded line whole into a string (bufio.Reader.ReadString,
// with no bound), keeps a photo as its base64 text, and knows neither
// 2.1's quoted-printable soft line breaks, nor its bare parameters
// ("PHOTO;ENCODING=BASE64;JPEG:"), nor its unindented base64.
package vcard

import (
	"bufio"
	"io"
)

// Limits bound what one file may cost. The zero value of a field takes
// its default.
type Limits struct {
	// MaxFile is the longest file read, in bytes: 20 MB, the /import limit.
	MaxFile int64
	// MaxPhoto is the largest photo kept, decoded: 10 MB, the largest
	// image Telegram takes (see media.CheckSize).
	MaxPhoto int
	// MaxLine is the longest unfolded line of any property but a photo
	// (or another base64 value): 64 KB. A longer line damages its card,
	// and costs one buffer to skip, never its length.
	MaxLine int
	// MaxPhones is the most TEL lines one card may have: 100.
	MaxPhones int
}

func (l *Limits) setDefaults() {
	if l.MaxFile <= 0 {
		l.MaxFile = 20 << 20
	}
	if l.MaxPhoto <= 0 {
		l.MaxPhoto = 10 << 20
	}
	if l.MaxLine <= 0 {
		l.MaxLine = 64 << 10
	}
	if l.MaxPhones <= 0 {
		l.MaxPhones = 100
	}
}

// maxBase64Line is the longest unfolded base64 value: the base64 of
// MaxPhoto (4/3 of it) and room for the spaces 2.1 exporters indent its
// lines with (2 in 76). Past it the photo is too large anyway.
func (l Limits) maxBase64Line() int {
	return l.MaxPhoto/3*4*39/38 + 4<<10
}

// Card is one contact of the file.
type Card struct {
	Index  int      // 1 for the file's first card
	Name   string   // FN, or else N made a name ("John Q. Public")
	Phones []string // the TEL values, as written
	// Photo is the decoded PHOTO, and PhotoType what the card declares it
	// to be ("JPEG", "PNG", or as written): the bytes are not checked.
	Photo     []byte
	PhotoType string
	// PhotoLink is a PHOTO given as a link, never fetched.
	PhotoLink string
	// Problem, when not nil, is why the card is damaged (ErrNoEnd,
	// ErrBadBase64…): skip it, and read on.
	Problem error
}

// Reader reads the cards of a vCard file, in order.
type Reader struct {
	limits  Limits
	br      *bufio.Reader
	lines   *lines
	sniffed bool
	begun   bool // a BEGIN:VCARD was read that ended the previous card
	index   int
	err     error  // sticky: the file's end, or why it cannot be read on
	head    []byte // buffers reused from line to line
	value   []byte
	photo   []byte // and from photo to photo (see base64Decoder.Close)
}

// bufSize is the read buffer, and so the most a line costs to skip.
const bufSize = 64 << 10

// NewReader returns a Reader of r.
func NewReader(r io.Reader, limits Limits) *Reader {
	limits.setDefaults()
	br := bufio.NewReaderSize(&capped{r: r, left: limits.MaxFile}, bufSize)
	return &Reader{limits: limits, br: br, lines: newLines(br)}
}

// Next returns the next card, and io.EOF after the last one. Any other
// error is the file's (ErrFileTooLarge, *NotVCardError, a read error) and
// ends it: a damaged card is returned with its Problem instead.
func (r *Reader) Next() (Card, error) {
	if r.err != nil {
		return Card{}, r.err
	}
	c, err := r.next()
	if err != nil {
		r.err = err
		return Card{}, err
	}
	return c, nil
}

func (r *Reader) next() (Card, error) {
	if !r.sniffed {
		r.sniffed = true
		if err := r.sniff(); err != nil {
			return Card{}, err
		}
	}
	if !r.begun {
		if err := r.skipToBegin(); err != nil {
			return Card{}, err
		}
	}
	r.begun = false
	r.index++
	c := &cardReader{r: r, card: Card{Index: r.index}}
	return c.read()
}

// skipToBegin skips what is not a card (blank lines, stray properties)
// up to the next BEGIN:VCARD.
func (r *Reader) skipToBegin() error {
	for {
		p, rest, err := r.property()
		if err != nil {
			return err
		}
		if p.name == "BEGIN" && r.isVCard(rest) {
			return nil
		}
	}
}

// property starts the next line and reads its head, skipping lines that
// are not properties.
func (r *Reader) property() (property, []byte, error) {
	for {
		if err := r.lines.begin(); err != nil {
			return property{}, nil, err
		}
		head, rest, err := readHead(r.lines, r.head)
		r.head = head[:0]
		switch err {
		case nil:
			return parseHead(head), rest, nil
		case errNoColon, errLongHead:
			continue // not a property: blank, or nothing a card could use
		default:
			return property{}, nil, err
		}
	}
}

// isVCard says whether the rest of a BEGIN or END line is "VCARD".
func (r *Reader) isVCard(rest []byte) bool {
	v, tooLong, err := r.text(rest, 64)
	return err == nil && !tooLong && equalFoldTrim(v, "VCARD")
}

// text reads the rest of the current line's value, up to max bytes.
func (r *Reader) text(rest []byte, max int) (v []byte, tooLong bool, err error) {
	v = append(r.value[:0], rest...)
	for len(v) <= max {
		p, ok, err := r.lines.next()
		if err != nil || !ok {
			r.value = v[:0]
			return v, false, err
		}
		v = append(v, p...)
	}
	r.value = v[:0]
	return nil, true, r.lines.drain()
}

// stream hands the value to w as it comes, and says whether it was longer
// than max (then w has seen only part of it).
func (r *Reader) stream(rest []byte, max int, w func([]byte)) (tooLong bool, err error) {
	n, p := 0, rest
	for {
		n += len(p)
		if n > max {
			return true, r.lines.drain()
		}
		w(p)
		var ok bool
		if p, ok, err = r.lines.next(); err != nil || !ok {
			return false, err
		}
	}
}

func equalFoldTrim(b []byte, s string) bool {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t') {
		j--
	}
	if j-i != len(s) {
		return false
	}
	for k := range s {
		c := b[i+k]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != s[k] {
			return false
		}
	}
	return true
}

// capped reads at most left bytes, and fails past them.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, ErrFileTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n + int(c.left), ErrFileTooLarge
	}
	return n, err
}
