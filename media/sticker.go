package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"

	xdraw "golang.org/x/image/draw"

	"persona/media/imagefile"
)

// A static (WebP) sticker becomes a picture, as Telegram Desktop makes it:
// it sends sticker markup only for animated and video stickers
// (api_peer_photo.cpp, PrepareMtpMarkup), and draws a static one on the
// chosen background and uploads that as the photo.
const (
	stickerCanvas = 640 // px a side: at least Telegram's largest profile photo size
	stickerShare  = 0.7 // of the side the sticker takes, centred, leaving the background around it
)

// drawSticker decodes a WebP sticker and draws it centred on the
// background: one colour solid, two to four a top-to-bottom gradient
// through them. It returns a PNG.
func drawSticker(r io.Reader, bg []uint32) ([]byte, error) {
	sticker, err := imagefile.DecodeWebP(r)
	if err != nil {
		return nil, err
	}
	canvas := image.NewNRGBA(image.Rect(0, 0, stickerCanvas, stickerCanvas))
	paintBackground(canvas, bg)
	xdraw.CatmullRom.Scale(canvas, stickerRect(sticker.Bounds()), sticker, sticker.Bounds(), xdraw.Over, nil)
	var out bytes.Buffer
	if err := png.Encode(&out, canvas); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// stickerRect is where a sticker of size b goes: scaled to fit the share
// of the canvas, keeping its proportions, centred.
func stickerRect(b image.Rectangle) image.Rectangle {
	box := float64(stickerCanvas) * stickerShare
	w, h := float64(b.Dx()), float64(b.Dy())
	scale := box / max(w, h, 1)
	sw, sh := int(w*scale), int(h*scale)
	x, y := (stickerCanvas-sw)/2, (stickerCanvas-sh)/2
	return image.Rect(x, y, x+sw, y+sh)
}

// paintBackground fills img with the colours, blending between them from
// top to bottom.
func paintBackground(img *image.NRGBA, bg []uint32) {
	if len(bg) == 0 {
		bg = []uint32{0x3E8EDE}
	}
	h := img.Bounds().Dy()
	for y := range h {
		c := gradientAt(bg, float64(y)/float64(max(h-1, 1)))
		for x := range img.Bounds().Dx() {
			img.SetNRGBA(x, y, c)
		}
	}
}

// gradientAt is the colour at t in [0, 1] along the colours.
func gradientAt(bg []uint32, t float64) color.NRGBA {
	if len(bg) == 1 {
		return rgb(bg[0])
	}
	pos := t * float64(len(bg)-1)
	i := min(int(pos), len(bg)-2)
	f := pos - float64(i)
	a, b := rgb(bg[i]), rgb(bg[i+1])
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-f) + float64(y)*f + 0.5) }
	return color.NRGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}

func rgb(c uint32) color.NRGBA {
	return color.NRGBA{R: uint8(c >> 16), G: uint8(c >> 8), B: uint8(c), A: 255}
}
