// Package mp4 reads the size and duration of a video from its MP4 (ISO BMFF)
// header, from a whole buffer or incrementally as the file streams by.
package mp4

import (
	"errors"
	"math"
	"time"
)

// Info is what a video's header says about it.
type Info struct {
	// Width and Height are the first video track's, in pixels.
	Width, Height int
	// Duration is the movie's.
	Duration time.Duration
}

// The errors are worded for the person who sent the file.
var (
	ErrNotMP4     = errors.New("not an MP4 file (no ftyp box)")
	ErrNoMoov     = errors.New("MP4 has no moov box")
	ErrNoVideo    = errors.New("MP4 has no video track")
	ErrTruncated  = errors.New("MP4 file is truncated")
	ErrMoovTooBig = errors.New("MP4 header (moov box) is bigger than 8 MiB")
	ErrDamaged    = errors.New("MP4 file is damaged")
)

// maxMoov caps the one thing a Scanner buffers: a moov box is a few hundred
// KiB even for long videos, so anything bigger is refused, not allocated.
const maxMoov = 8 << 20

// Probe reads the header of a whole MP4 file.
func Probe(data []byte) (Info, error) {
	var s Scanner
	_, _ = s.Write(data) // Write never fails; Result has the verdict
	return s.Result()
}

// duration converts units of 1/scale seconds, saturating instead of
// overflowing on absurd values.
func duration(units uint64, scale uint32) time.Duration {
	if scale == 0 {
		return 0
	}
	sec, rem := units/uint64(scale), units%uint64(scale)
	if sec >= math.MaxInt64/uint64(time.Second) {
		return math.MaxInt64
	}
	return time.Duration(sec)*time.Second + time.Duration(rem*uint64(time.Second)/uint64(scale))
}
