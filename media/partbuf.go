package media

import (
	"context"
	"sync"

	"github.com/go-faster/errors"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// partBufs recycles the buffers parts are downloaded into: gotd's
// tg.UploadFileBox allocates a fresh copy of every part, 512 KiB to zero
// and then collect, which made the garbage collector run every few parts.
type partBufs struct{ pool sync.Pool }

func (p *partBufs) get() []byte {
	if b, ok := p.pool.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, partSize)
}

// put takes back a buffer nothing refers to any more.
func (p *partBufs) put(b []byte) {
	if cap(b) == partSize {
		p.pool.Put(&b)
	}
}

// filePart decodes an upload.file answer into buf, which must have room
// for the part: the bytes are copied out of gotd's message buffer as
// tg.UploadFile's decoder does, only into a buffer of ours.
type filePart struct{ buf []byte }

var _ bin.Decoder = (*filePart)(nil)

func (f *filePart) Decode(b *bin.Buffer) error {
	if err := b.ConsumeID(tg.UploadFileTypeID); err != nil {
		return errors.Wrap(err, "upload.file")
	}
	if _, err := tg.DecodeStorageFileType(b); err != nil {
		return errors.Wrap(err, "upload.file type")
	}
	if _, err := b.Int(); err != nil {
		return errors.Wrap(err, "upload.file mtime")
	}
	data, n, err := tlBytes(b.Buf)
	if err != nil {
		return errors.Wrap(err, "upload.file bytes")
	}
	if len(data) > cap(f.buf) {
		return errors.Errorf("upload.file: %d bytes, asked for at most %d", len(data), cap(f.buf))
	}
	f.buf = append(f.buf[:0], data...)
	b.Skip(n)
	return nil
}

// tlBytes reads a TL bytes value at the start of p: the bytes, without a
// copy, and how much of p it takes with its length and padding.
func tlBytes(p []byte) (data []byte, n int, err error) {
	const long = 254 // a length of 254 or more is in the next 3 bytes
	var start, size int
	switch {
	case len(p) == 0:
		return nil, 0, errors.New("no bytes")
	case p[0] == long && len(p) >= 4:
		start, size = 4, int(p[1])|int(p[2])<<8|int(p[3])<<16
	case p[0] == long:
		return nil, 0, errors.New("cut length")
	default:
		start, size = 1, int(p[0])
	}
	n = (start + size + 3) &^ 3
	if len(p) < start+size {
		return nil, 0, errors.Errorf("%d bytes announced, %d there", size, len(p)-start)
	}
	return p[start : start+size], min(n, len(p)), nil
}

// partSlots is a counting semaphore of parts in flight.
type partSlots chan struct{}

func newPartSlots(n int) partSlots { return make(partSlots, n) }

// take waits for a slot; false if ctx ended first.
func (s partSlots) take(ctx context.Context) bool {
	select {
	case s <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s partSlots) give() { <-s }
