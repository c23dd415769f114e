package media

import (
	"bytes"
	"errors"
	"io"
	"time"

	"persona/internal/usererr"
	"persona/media/imagefile"
	"persona/media/mp4"
)

// upload is what actually goes to Telegram after inspection.
type upload struct {
	r    io.Reader
	size int64
	name string
}

// inspect checks the bytes of src as they arrive, before any of them is
// uploaded where it can (images), or as they stream by (videos), and
// returns what to upload: never trust a mime type or an attribute.
func inspect(src Source, opts Options, r io.Reader) (upload, error) {
	r = &capped{r: r, kind: src.Kind}
	switch src.Kind {
	case KindImage:
		return inspectImage(src, r)
	case KindVideo:
		return upload{r: &videoCheck{r: r, frame: opts.Frame}, size: src.Size, name: src.Name}, nil
	case KindSticker:
		png, err := drawSticker(r, opts.BG)
		if err != nil {
			return upload{}, err
		}
		return upload{r: bytes.NewReader(png), size: int64(len(png)), name: "sticker.png"}, nil
	}
	return upload{r: r, size: src.Size, name: src.Name}, nil
}

// inspectImage sniffs an image sent as a file: JPEG and PNG stream on as
// they are, WebP becomes PNG (Telegram takes only JPEG and PNG), anything
// else is refused with what it really is.
func inspectImage(src Source, r io.Reader) (upload, error) {
	info, rest, err := imagefile.Check(r)
	if err != nil {
		return upload{}, err
	}
	if info.Format != imagefile.FormatWebP {
		return upload{r: rest, size: src.Size, name: src.Name}, nil
	}
	// A WebP is decoded whole anyway; its PNG is bounded by Check's limits.
	var png bytes.Buffer
	n, err := imagefile.WebPToPNG(rest, &png)
	if err != nil {
		return upload{}, err
	}
	if err := CheckSize(KindImage, n); err != nil {
		return upload{}, err // the WebP became a PNG Telegram would refuse
	}
	return upload{r: &png, size: n, name: "image.png"}, nil
}

// errWholeFile says an image cannot be judged from its first part: a WebP
// (converted whole) or a header reaching past the part. It goes the
// streaming way instead.
var errWholeFile = errors.New("the image needs the whole file")

// imageHead checks an image file's first part as inspectImage checks the
// stream: a JPEG or PNG that passes is uploaded as it is, byte for byte.
func imageHead(src Source) func(part []byte) error {
	return func(part []byte) error {
		r := &endSeen{r: bytes.NewReader(part)}
		info, _, err := imagefile.Check(r)
		switch {
		case r.end && int64(len(part)) < src.Size:
			return errWholeFile // the verdict may need the next part
		case err != nil:
			return err
		case info.Format == imagefile.FormatWebP:
			return errWholeFile
		}
		return nil
	}
}

// endSeen notes whether its reader ran out.
type endSeen struct {
	r   io.Reader
	end bool
}

func (e *endSeen) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		e.end = true
	}
	return n, err
}

// videoCheck passes a video through while reading its MP4 header, and fails
// the stream as soon as the header shows a clip Telegram would refuse, or
// at the end when there is no valid header at all.
type videoCheck struct {
	r       io.Reader
	frame   *float64
	scanner mp4.Scanner
	checked bool
}

func (v *videoCheck) Read(p []byte) (int, error) {
	n, err := v.r.Read(p)
	if ferr := v.feed(p[:n]); ferr != nil {
		return n, ferr
	}
	if err == io.EOF {
		if ferr := v.end(); ferr != nil {
			return n, ferr
		}
	}
	return n, err
}

// feed takes the next bytes of the file, in order, and fails as soon as
// the header shows a clip Telegram would refuse.
func (v *videoCheck) feed(p []byte) error {
	_, _ = v.scanner.Write(p)
	if v.checked {
		return nil
	}
	info, ok := v.scanner.Info()
	if !ok {
		return nil
	}
	v.checked = true
	return CheckVideo(info.Width, info.Height, info.Duration, v.frame)
}

// end is the verdict once the whole file was fed.
func (v *videoCheck) end() error {
	if v.checked {
		return nil
	}
	if _, err := v.scanner.Result(); err != nil {
		return usererr.New("the video is not a valid MP4: " + err.Error())
	}
	return nil
}

// Length is a video's duration from its attributes.
func (s Source) Length() time.Duration { return time.Duration(s.Duration * float64(time.Second)) }
