package media

import (
	"context"
	"io"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tgerr"
)

// Download streams a file from the DC it lives on into w, part by part, as
// the downloader asks them: a file that is read, not re-uploaded (a vCard
// for /import), is never held whole either. w may stop the download by
// failing a write (a reader that had enough closes its pipe).
func (t *Transfer) Download(ctx context.Context, src Source, w io.Writer) error {
	cw := &countingWriter{w: w}
	err := t.download(ctx, src, cw)
	if t.dcs != nil && src.DC != 0 && cw.n == 0 && tgerr.Is(err, "AUTH_KEY_UNREGISTERED") {
		// As in Reupload: that DC forgot the imported authorization. Only
		// before the first byte: w cannot take the file from its start twice.
		t.dcs.Forget(src.DC)
		err = t.download(ctx, src, cw)
	}
	return err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (t *Transfer) download(ctx context.Context, src Source, w io.Writer) error {
	down, err := t.source(ctx, src)
	if err != nil {
		return err
	}
	if _, err := t.dl.Download(down, src.Location).Stream(ctx, w); err != nil {
		return errors.Wrap(err, "download")
	}
	return nil
}
