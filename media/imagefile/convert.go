package imagefile

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"

	"github.com/go-faster/errors"
	"golang.org/x/image/webp"

	"persona/internal/usererr"
)

// WebPToPNG decodes a still WebP image from r, at most 10 MiB of it, and
// writes it to w as PNG; it returns the number of bytes written. A file that
// is no WebP, is animated, damaged or outside the profile photo limits is a
// *usererr.Error. Unlike Check it holds the whole file and the decoded image.
func WebPToPNG(r io.Reader, w io.Writer) (int64, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxWebP+1))
	if err != nil {
		return 0, errors.Wrap(err, "read webp")
	}
	if len(data) > maxWebP {
		return 0, usererr.New("the WebP file is over 10 MiB; at most 10 MiB can be converted")
	}
	img, err := decodeWebP(data)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: w}
	if err := png.Encode(cw, img); err != nil {
		return cw.n, errors.Wrap(err, "write png")
	}
	return cw.n, nil
}

// DecodeWebP decodes a still WebP image from r, at most 10 MiB of it,
// checking its size first, as WebPToPNG does.
func DecodeWebP(r io.Reader) (image.Image, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxWebP+1))
	if err != nil {
		return nil, errors.Wrap(err, "read webp")
	}
	if len(data) > maxWebP {
		return nil, usererr.New("the WebP file is over 10 MiB")
	}
	if f := Sniff(data); f != FormatWebP {
		return nil, usererr.New("the file is not a WebP image")
	}
	// Only the allocation bound applies: a sticker is no profile photo by
	// itself, its proportions are its own.
	w, h, err := webpFrameSize(data)
	if err != nil {
		return nil, err
	}
	if w > maxSide || h > maxSide {
		return nil, usererr.Errorf("the WebP image is %d×%d; at most %d px on each side", w, h, maxSide)
	}
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, damaged(FormatWebP, strings.TrimPrefix(err.Error(), "webp: "))
	}
	return img, nil
}

// decodeWebP checks the sizes in the headers before decoding, because the
// decoder allocates whatever a header claims.
func decodeWebP(data []byte) (image.Image, error) {
	if f := Sniff(data); f != FormatWebP {
		return nil, usererr.New("the file is not a WebP image")
	}
	w, hh, err := webpFrameSize(data)
	if err != nil {
		return nil, err
	}
	if err := checkSize(w, hh); err != nil {
		return nil, err
	}
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, damaged(FormatWebP, strings.TrimPrefix(err.Error(), "webp: "))
	}
	return forPNG(img), nil
}

// forPNG converts the YCbCr images of lossy WebP to the RGB types the PNG
// encoder writes directly, rather than one boxed color per pixel.
func forPNG(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr:
		rgba := image.NewRGBA(m.Bounds())
		draw.Draw(rgba, rgba.Rect, m, m.Rect.Min, draw.Src)
		return rgba
	case *image.NYCbCrA:
		return nycbcraToNRGBA(m)
	}
	return img
}

// nycbcraToNRGBA keeps the alpha unpremultiplied, as both formats store it,
// where going through color.Color would round it twice.
func nycbcraToNRGBA(m *image.NYCbCrA) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := out.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x++ {
			yi, ci := m.YOffset(x, y), m.COffset(x, y)
			r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			out.Pix[i+0], out.Pix[i+1], out.Pix[i+2] = r, g, bl
			out.Pix[i+3] = m.A[m.AOffset(x, y)]
			i += 4
		}
	}
	return out
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
