package imagefile

import (
	"bytes"
	"io"

	"github.com/go-faster/errors"
)

const (
	// maxHeader bounds how far Check reads looking for the dimensions; a JPEG
	// may put megabytes of EXIF and thumbnails before its frame header.
	maxHeader = 1 << 20
	// firstRead is the first buffer: enough for nearly every header, small
	// enough not to matter.
	firstRead = 4 << 10
	// maxEmptyReads guards against a reader that returns neither bytes nor an
	// error, as bufio does.
	maxEmptyReads = 100
)

// errHeaderTooLong means the header needs more than maxHeader bytes.
var errHeaderTooLong = errors.New("header too long")

// header keeps every byte read from r, so the stream can be handed on whole
// after its header has been looked at.
type header struct {
	r   io.Reader
	buf []byte
	err error // the error r returned, kept for the rest of the stream
}

// need makes the first n bytes of the stream available in h.buf. It returns
// io.ErrUnexpectedEOF (io.EOF if nothing was read) when the stream is shorter,
// errHeaderTooLong when n is past maxHeader and r's error otherwise.
func (h *header) need(n int) error {
	if n > maxHeader {
		return errHeaderTooLong
	}
	for empty := 0; len(h.buf) < n; {
		if h.err != nil {
			if h.err == io.EOF && len(h.buf) > 0 {
				return io.ErrUnexpectedEOF
			}
			return h.err
		}
		if len(h.buf) == cap(h.buf) {
			h.grow(n)
		}
		m, err := h.r.Read(h.buf[len(h.buf):cap(h.buf)])
		h.buf = h.buf[:len(h.buf)+m]
		h.err = err
		if m == 0 && err == nil {
			if empty++; empty == maxEmptyReads {
				h.err = io.ErrNoProgress
			}
		}
	}
	return nil
}

func (h *header) grow(n int) {
	size := min(max(n, 2*cap(h.buf), firstRead), maxHeader)
	buf := make([]byte, len(h.buf), size)
	copy(buf, h.buf)
	h.buf = buf
}

// rest returns a reader of the whole stream: the bytes read so far, then
// the unread remainder, or the error that stopped reading it.
func (h *header) rest() io.Reader {
	head := bytes.NewReader(h.buf)
	switch h.err {
	case nil:
		return io.MultiReader(head, h.r)
	case io.EOF:
		return head
	}
	return io.MultiReader(head, errReader{h.err})
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
