package vcard

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// base64Decoder decodes a base64 value as it streams by, so that only the
// decoded photo is held, never its text. Whitespace (the folding of 2.1
// and 3.0 exporters) is skipped.
type base64Decoder struct {
	max     int     // the largest photo kept, decoded
	scratch *[]byte // the Reader's buffer the photo is decoded into
	out     []byte
	pending [base64Batch]byte // base64 not decoded yet, whitespace removed
	n       int               // bytes in pending
	err     error
}

// base64Batch is how much base64 is decoded at a time: a multiple of 4.
const base64Batch = 4 << 10

// keptScratch bounds the decoding buffer a Reader keeps between photos.
const keptScratch = 1 << 20

func newBase64Decoder(max int, scratch *[]byte) *base64Decoder {
	return &base64Decoder{max: max, scratch: scratch, out: (*scratch)[:0]}
}

func (d *base64Decoder) Write(p []byte) {
	for _, c := range p {
		if d.err != nil {
			return
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		d.pending[d.n] = c
		if d.n++; d.n == base64Batch {
			d.decode()
		}
	}
}

// decode decodes the pending bytes.
func (d *base64Decoder) decode() {
	enc := base64.StdEncoding
	if d.n%4 != 0 {
		enc = base64.RawStdEncoding // some exporters leave the padding out
	}
	size := len(d.out) + enc.DecodedLen(d.n)
	if size > d.max+2 { // +2: DecodedLen counts padding as bytes
		d.err = fmt.Errorf("%w: over %s", ErrPhotoTooLarge, sizeText(d.max))
		return
	}
	if cap(d.out) < size {
		grown := make([]byte, len(d.out), max(size, min(2*cap(d.out), d.max+2), 64<<10))
		copy(grown, d.out)
		d.out = grown
	}
	got, err := enc.Decode(d.out[len(d.out):size], d.pending[:d.n])
	if err != nil {
		d.err = fmt.Errorf("%w (%v)", ErrBadBase64, err)
		return
	}
	d.out, d.n = d.out[:len(d.out)+got], 0
	if len(d.out) > d.max {
		d.err = fmt.Errorf("%w: over %s", ErrPhotoTooLarge, sizeText(d.max))
	}
}

// Close decodes what is left and returns the photo, in a slice of its own:
// a small photo is copied out of the decoding buffer, which is kept for the
// next photo; a large one is the buffer itself, so it is never held twice.
func (d *base64Decoder) Close() ([]byte, error) {
	if d.err == nil && d.n > 0 {
		d.decode()
	}
	if d.err == nil && len(d.out) == 0 {
		d.err = fmt.Errorf("%w: it is empty", ErrBadBase64)
	}
	photo := d.out
	if cap(d.out) <= keptScratch {
		*d.scratch, photo = d.out[:0], bytes.Clone(d.out)
	} else {
		*d.scratch = nil // a large photo's buffer is handed over, not kept
	}
	d.out = nil
	if d.err != nil {
		return nil, d.err
	}
	return photo, nil
}

// photoURI reads a PHOTO whose value is a URI (vCard 4.0, or VALUE=uri and
// VALUE=URL in 3.0 and 2.1): a data: URI carries the image in base64
// (RFC 2397), anything else is a link, which is never fetched.
type photoURI struct {
	maxPhoto int
	maxLink  int
	scratch  *[]byte
	head     []byte         // the URI up to a data: URI's ',', or a whole link
	data     *base64Decoder // once the head of a data: URI is read
	typ      string         // a data: URI's media type
	err      error
}

func (u *photoURI) Write(p []byte) {
	switch {
	case u.err != nil:
		return
	case u.data != nil:
		u.data.Write(p)
		return
	}
	if i := bytes.IndexByte(p, ','); i >= 0 && couldBeData(u.head) {
		u.head = append(u.head, p[:i]...)
		if couldBeData(u.head) && len(u.head) >= len("data:") {
			u.startData()
			u.data.Write(p[i+1:])
			return
		}
		p = p[i:]
	}
	if len(u.head)+len(p) > u.maxLink {
		u.err = fmt.Errorf("%w: the photo's link is over %s", ErrLineTooLong, sizeText(u.maxLink))
		return
	}
	u.head = append(u.head, p...)
}

// startData reads a data: URI's head, "data:image/jpeg;base64".
func (u *photoURI) startData() {
	meta := strings.ToLower(string(u.head[len("data:"):]))
	mediaType, params, _ := strings.Cut(meta, ";")
	u.typ = imageType(mediaType)
	u.head = nil
	u.data = newBase64Decoder(u.maxPhoto, u.scratch)
	if !strings.HasSuffix(params, "base64") {
		u.err = ErrBadDataURI
	}
}

// Close returns the photo of a data: URI, or else the link.
func (u *photoURI) Close() (photo []byte, link string, err error) {
	if u.err != nil {
		return nil, "", u.err
	}
	if u.data != nil {
		photo, err = u.data.Close()
		return photo, "", err
	}
	return nil, strings.TrimSpace(string(u.head)), nil
}

// couldBeData says whether head is, so far, the start of "data:".
func couldBeData(head []byte) bool {
	n := min(len(head), len("data:"))
	return strings.EqualFold(string(head[:n]), "data:"[:n])
}

func sizeText(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
