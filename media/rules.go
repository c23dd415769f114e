package media

import (
	"fmt"
	"io"
	"time"

	"persona/internal/usererr"
)

// Telegram's rules for a profile photo (TDLib td_api.tl,
// inputChatPhotoAnimation): a video is MPEG4, square, 160 to 1280 px a
// side, at most 10 s and at most 2 MB, its cover frame within 0 to 10 s;
// a photo is at most 10 MB and never a "big" file upload (TDLib
// FileType.cpp, is_file_big: photos never are, and 10 MB is the
// small-file limit).
const (
	minVideoSide     = 160
	maxVideoSide     = 1280
	maxVideoDuration = 10 * time.Second
	maxVideoBytes    = 2 << 20
	maxImageBytes    = 10 << 20
)

// CheckVideo applies Telegram's rules for a profile video to its size,
// length and the chosen cover frame (nil: none), and says which rule a
// clip breaks with its own values.
func CheckVideo(w, h int, d time.Duration, frame *float64) error {
	secs := d.Seconds()
	switch {
	case w != h:
		return usererr.New(fmt.Sprintf("video is %d×%d; a profile video must be square, 160 to 1280 px a side", w, h))
	case w < minVideoSide || w > maxVideoSide:
		return usererr.New(fmt.Sprintf("video is %d×%d; a profile video must be 160 to 1280 px a side", w, h))
	case d > maxVideoDuration:
		return usererr.New(fmt.Sprintf("video is %.1f s long; a profile video must be at most 10 s", secs))
	case frame != nil && *frame > secs:
		return usererr.New(fmt.Sprintf("frame=%g is past the end of the %.1f s video", *frame, secs))
	}
	return nil
}

// CheckSize applies Telegram's byte limits to media of kind: before any
// byte is downloaded when the message says the size, and again while the
// bytes stream by, since the message may not tell the truth.
func CheckSize(kind Kind, size int64) error {
	switch {
	case kind == KindVideo && size > maxVideoBytes:
		return usererr.New(fmt.Sprintf("video is %s; a profile video must be at most 2 MB", megabytes(size)))
	case (kind == KindPhoto || kind == KindImage) && size > maxImageBytes:
		return usererr.New(fmt.Sprintf("image is %s; Telegram takes profile photos of at most 10 MB", megabytes(size)))
	}
	return nil
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// capped fails a stream of media of kind as soon as it passes the limit.
type capped struct {
	r    io.Reader
	kind Kind
	n    int64
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if lerr := CheckSize(c.kind, c.n); lerr != nil {
		return n, lerr
	}
	return n, err
}
