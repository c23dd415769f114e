package media

import (
	"bytes"
	"context"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tgerr"
)

// MaxFetch bounds a file Fetch holds in memory: Telegram's profile photos
// are at most 10 MB and profile videos 2 MB (see rules.go).
const MaxFetch = maxImageBytes + 1<<20

// errTooBig stops a download past MaxFetch.
var errTooBig = errors.New("file larger than a profile photo can be")

// Fetch downloads src whole, from the DC it lives on, for the archive of
// watched contacts' photos (package archive), which keeps the bytes.
func (t *Transfer) Fetch(ctx context.Context, src Source) ([]byte, error) {
	data, err := t.fetch(ctx, src)
	if t.dcs != nil && src.DC != 0 && tgerr.Is(err, "AUTH_KEY_UNREGISTERED") {
		t.dcs.Forget(src.DC) // as Reupload: that DC forgot the imported authorization
		data, err = t.fetch(ctx, src)
	}
	return data, err
}

func (t *Transfer) fetch(ctx context.Context, src Source) ([]byte, error) {
	down, err := t.source(ctx, src)
	if err != nil {
		return nil, err
	}
	var buf fetchBuffer
	if _, err := t.dl.Download(down, src.Location).Stream(ctx, &buf); err != nil {
		return nil, errors.Wrap(err, "download")
	}
	return buf.Bytes(), nil
}

// fetchBuffer is a buffer that refuses to grow past MaxFetch.
type fetchBuffer struct{ bytes.Buffer }

func (c *fetchBuffer) Write(p []byte) (int, error) {
	if c.Len()+len(p) > MaxFetch {
		return 0, errTooBig
	}
	return c.Buffer.Write(p)
}
