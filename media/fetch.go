package media

import (
	"bytes"
	"context"

	"github.com/go-faster/errors"

	"persona/internal/usererr"
)

// maxFetch bounds a file Fetch reads into memory: a profile photo's
// largest size or its video, which rules.go holds to 10 MB and 2 MB.
const maxFetch = maxImageBytes

// Fetch downloads the whole file of src, from the DC it lives on: for
// small files kept whole, such as the archive's copies of profile photos.
func (t *Transfer) Fetch(ctx context.Context, src Source) ([]byte, error) {
	if src.Size > maxFetch {
		return nil, usererr.New("the photo is too large to keep a copy of")
	}
	down, err := t.source(ctx, src)
	if err != nil {
		return nil, errors.Wrap(err, "reach the file's DC")
	}
	var buf bytes.Buffer
	if _, err := t.dl.Download(down, src.Location).Stream(ctx, &buf); err != nil {
		return nil, errors.Wrap(err, "download")
	}
	return buf.Bytes(), nil
}
