package media

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"sync/atomic"

	"github.com/go-faster/errors"
	"golang.org/x/sync/errgroup"

	"github.com/gotd/td/tg"

	"persona/internal/panics"
	"persona/internal/usererr"
)

const (
	// partSize is both the download and the upload part: 512 KiB is the
	// largest upload part Telegram takes and divides 1 MiB, so no download
	// crosses a 1 MiB boundary (upload.getFile's rule).
	partSize = 512 << 10
	// bigFile is Telegram's limit for saveFilePart; above it, saveBigFilePart.
	bigFile = 10 << 20
	// partThreads parts are in flight at once, each downloaded and then
	// uploaded by one goroutine: memory stays at most 5 MiB of parts, whatever
	// the size. Ten take a 5 MB file in one round trip each way; every
	// round more costs two RTTs, which is what a user far from Telegram
	// feels (4 threads: a 5 MB PNG in 8.3 RTT, 10: in 4.4). A media DC has
	// as many connections (session.mediaConns).
	partThreads = 10
	// partsInFlight bounds the parts of all transfers at once, as several
	// commands run at once (handlers' Workers): at most 16 MiB of parts.
	partsInFlight = 32
)

// copyParts moves a file of known size from Telegram back to Telegram part
// by part: one goroutine per part downloads part i and uploads it as part
// i, so the parts need no reordering and no whole file is ever held. feed,
// when not nil, sees the bytes in file order (a part waits for its turn)
// and can stop the copy with an error, e.g. a video breaking a rule. A
// panic on a part's goroutine is the copy's error (a *panics.Error).
func (t *Transfer) copyParts(ctx context.Context, down *tg.Client, src Source, feed feeder, progress ProgressFunc) (tg.InputFileClass, error) {
	return t.copyPartsChecked(ctx, down, src, nil, feed, progress)
}

// copyPartsChecked is copyParts whose parts are uploaded only once first
// has passed part 0, as an image file's header must be checked before any
// byte of it goes up; the parts are downloaded meanwhile all the same.
func (t *Transfer) copyPartsChecked(ctx context.Context, down *tg.Client, src Source, first func([]byte) error, feed feeder, progress ProgressFunc) (tg.InputFileClass, error) {
	size := src.Size
	parts := int((size + partSize - 1) / partSize)
	if parts == 0 {
		return nil, usererr.New("the file is empty")
	}
	c := &partCopy{
		t: t, down: down, src: src, size: size, parts: parts, big: size > bigFile,
		feed: feed, progress: progress, id: randomID(),
		first: first, checked: make(chan struct{}),
	}
	if feed != nil {
		c.turns = make([]chan struct{}, parts+1)
		for i := range c.turns {
			c.turns[i] = make(chan struct{})
		}
		close(c.turns[0])
	}
	// Part i's goroutine starts after part i-1's, so a part waiting for
	// its turn to be fed never waits for one that could not start.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(partThreads)
	for i := range parts {
		// In order, so that a part waiting for its turn to be fed never
		// holds the last slot an earlier part of its file needs.
		if gctx.Err() != nil || !t.slots.take(gctx) {
			break
		}
		g.Go(panics.Protect("a part worker", func() error {
			defer t.slots.give()
			return c.part(gctx, i)
		}))
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil { // cancelled before every part had started
		return nil, err
	}
	if c.big {
		return &tg.InputFileBig{ID: c.id, Parts: parts, Name: src.Name}, nil
	}
	return &tg.InputFile{ID: c.id, Parts: parts, Name: src.Name}, nil
}

// feeder checks a file's bytes, given in order, while they are copied.
type feeder interface {
	feed(p []byte) error
	end() error // after the last byte
}

// partCopy is one copyParts in progress.
type partCopy struct {
	t        *Transfer
	down     *tg.Client // where the file lives
	src      Source
	size     int64
	parts    int
	big      bool
	id       int64
	feed     feeder
	progress ProgressFunc
	turns    []chan struct{} // turns[i] is closed once part i may be fed

	// first, when not nil, checks part 0 before any part is uploaded: the
	// other parts are downloaded meanwhile and wait for its verdict.
	first   func(p []byte) error
	checked chan struct{} // closed once first has run
	passed  atomic.Bool   // first found nothing wrong

	uploaded atomic.Int64 // bytes uploaded so far
}

// part downloads part i, uploads it as part i and feeds it in its turn.
func (c *partCopy) part(ctx context.Context, i int) error {
	data, err := c.download(ctx, i)
	if err != nil {
		return err
	}
	defer c.t.bufs.put(data) // uploaded and fed by then: gotd copies the bytes it sends
	if ok, err := c.gate(ctx, i, data); !ok {
		return err
	}
	if err := c.upload(ctx, i, data); err != nil {
		return err
	}
	if c.progress != nil {
		c.progress(c.uploaded.Add(int64(len(data))), c.size)
	}
	if c.feed == nil {
		return nil
	}
	select { // wait for the parts before this one to be fed
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-c.turns[i]:
	}
	err = c.feed.feed(data)
	if err == nil && i == c.parts-1 {
		err = c.feed.end()
	}
	close(c.turns[i+1])
	return err
}

// gate holds a part back until part 0 has passed the first check, and
// runs that check when the part is part 0. It reports whether to upload.
func (c *partCopy) gate(ctx context.Context, i int, data []byte) (bool, error) {
	if c.first == nil {
		return true, nil
	}
	if i == 0 {
		err := c.first(data)
		c.passed.Store(err == nil)
		close(c.checked)
		return err == nil, err
	}
	select {
	case <-ctx.Done():
		return false, context.Cause(ctx)
	case <-c.checked:
		return c.passed.Load(), nil // part 0's goroutine reports a failure
	}
}

// download fetches part i into a buffer of c.t.bufs, which the caller
// puts back once done with it.
func (c *partCopy) download(ctx context.Context, i int) ([]byte, error) {
	offset := int64(i) * partSize
	want := int(min(partSize, c.size-offset))
	f := filePart{buf: c.t.bufs.get()}
	req := &tg.UploadGetFileRequest{Location: c.src.Location, Offset: offset, Limit: partSize}
	if err := c.down.Invoker().Invoke(ctx, req, &f); err != nil {
		c.t.bufs.put(f.buf)
		return nil, errors.Wrapf(err, "download part %d", i)
	}
	if len(f.buf) != want {
		c.t.bufs.put(f.buf)
		return nil, errors.Errorf("download part %d: %d bytes, want %d", i, len(f.buf), want)
	}
	return f.buf, nil
}

func (c *partCopy) upload(ctx context.Context, i int, data []byte) error {
	var err error
	if c.big {
		_, err = c.t.api.UploadSaveBigFilePart(ctx, &tg.UploadSaveBigFilePartRequest{
			FileID: c.id, FilePart: i, FileTotalParts: c.parts, Bytes: data,
		})
	} else {
		_, err = c.t.api.UploadSaveFilePart(ctx, &tg.UploadSaveFilePartRequest{FileID: c.id, FilePart: i, Bytes: data})
	}
	if err != nil {
		return errors.Wrapf(err, "upload part %d", i)
	}
	return nil
}

func randomID() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]) &^ (1 << 63))
}
