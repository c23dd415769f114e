package imagefile

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-faster/errors"

	"persona/internal/usererr"
)

// Telegram's PHOTO_INVALID_DIMENSIONS rules for a profile photo.
const (
	minSide  = 160
	maxSide  = 10000
	maxRatio = 20
)

// damaged is the usererr for a header that breaks its format's rules.
func damaged(f Format, why string) *usererr.Error {
	return usererr.New("the " + f.name() + " file is damaged: " + why)
}

// Info is what Check learned from a header.
type Info struct {
	Format        Format
	Width, Height int
}

// Check reads just enough of r to sniff the format and read the dimensions,
// and returns a *usererr.Error, worded for the user, for anything that
// cannot be a profile photo: a format other than JPEG, PNG and still WebP, a
// damaged or truncated header, or a size outside Telegram's limits. On success the returned reader yields the
// whole stream from its first byte; on error Info holds what was learned.
//
// Check holds only the header, at most 1 MiB of it, never the file.
func Check(r io.Reader) (Info, io.Reader, error) {
	h := &header{r: r}
	if err := h.need(sniffLen); err != nil && !isEnd(err) {
		return Info{}, nil, errors.Wrap(err, "read header")
	}
	if len(h.buf) == 0 {
		return Info{}, nil, usererr.New("the file is empty")
	}
	info := Info{Format: Sniff(h.buf)}
	var err error
	switch info.Format {
	case FormatJPEG:
		info.Width, info.Height, err = jpegSize(h)
	case FormatPNG:
		info.Width, info.Height, err = pngSize(h)
	case FormatWebP:
		info.Width, info.Height, err = webpSize(h)
	default:
		return info, nil, refuse(info.Format, h.buf)
	}
	if err != nil {
		return info, nil, headerError(info.Format, err)
	}
	if err := checkSize(info.Width, info.Height); err != nil {
		return info, nil, err
	}
	return info, h.rest(), nil
}

func isEnd(err error) bool {
	return err == io.EOF || err == io.ErrUnexpectedEOF
}

// headerError explains why the dimensions could not be read.
func headerError(f Format, err error) error {
	var userErr *usererr.Error
	switch {
	case errors.As(err, &userErr):
		return err
	case isEnd(err):
		return usererr.New("the " + f.name() + " file is cut short: it ends before its image size")
	case errors.Is(err, errHeaderTooLong):
		return usererr.New("the " + f.name() + " file has no image size in its first 1 MiB; save it again without the extra metadata")
	}
	return errors.Wrap(err, "read header")
}

// refuse explains why a file that is no JPEG, PNG or WebP is refused.
func refuse(f Format, head []byte) *usererr.Error {
	const want = "; send a JPEG, PNG or WebP"
	switch f {
	case FormatUnknown:
		return usererr.New("the file is not an image (starts with " + describeBytes(head) + ")" + want)
	case FormatHEIC, FormatAVIF:
		return usererr.New("the file is " + f.name() + want)
	}
	return usererr.New("the file is a " + f.name() + " image" + want)
}

// describeBytes shows the first bytes of a file as text when they are
// printable, as hex otherwise.
func describeBytes(head []byte) string {
	head = head[:min(len(head), 8)]
	text := string(head)
	if strings.IndexFunc(text, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsPrint(r) && !unicode.IsSpace(r) }) < 0 {
		return strconv.Quote(text)
	}
	return fmt.Sprintf("% X", head)
}

// checkSize applies Telegram's limits on the dimensions of a profile photo.
func checkSize(w, h int) error {
	switch {
	case w < minSide || h < minSide:
		return usererr.Errorf("image is %d×%d; a profile photo must be at least %d×%d", w, h, minSide, minSide)
	case w > maxSide || h > maxSide:
		return usererr.Errorf("image is %d×%d; a profile photo must be at most %d px on each side", w, h, maxSide)
	case w > maxRatio*h || h > maxRatio*w:
		return usererr.Errorf("image is %d×%d; a profile photo's sides must be within %d:1 of each other", w, h, maxRatio)
	}
	return nil
}

func tooLargeWebP(size int64) *usererr.Error {
	return usererr.Errorf("the WebP file is %.1f MiB; at most %d MiB can be converted", float64(size)/(1<<20), maxWebP>>20)
}
