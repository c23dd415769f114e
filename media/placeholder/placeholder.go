// Package placeholder draws the picture /hide sets as a personal photo: the
// person's initials in white on a plain colour picked from their user id,
// as Telegram's apps draw a user who has no photo.
package placeholder

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"strings"
	"sync"
	"unicode"

	"github.com/go-faster/errors"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Side is the picture's width and height: Telegram stores profile photos
// at up to 640 px (its "c" size), so a smaller picture would look blurred.
const Side = 640

// palette is Telegram's seven peer colours in the order of their accent
// colour ids: red, orange, violet, green, cyan, blue, pink. A user's colour
// is palette[id % 7], as TDLib's get_user_accent_color_id
// (td/telegram/UserManager.cpp: AccentColorId(user_id)) and Telegram
// Desktop's Data::DecideColorIndex (data/data_peer.cpp: peerId.value % 7)
// choose it; the values are the darker ends of Telegram Desktop's userpic
// gradients (historyPeer1UserpicBg…historyPeer7UserpicBg), dark enough for
// white letters.
var palette = [7]color.RGBA{
	{0xD4, 0x52, 0x46, 0xFF}, // red
	{0xF6, 0x81, 0x36, 0xFF}, // orange
	{0x6C, 0x61, 0xDF, 0xFF}, // violet
	{0x46, 0xBA, 0x43, 0xFF}, // green
	{0x28, 0xC9, 0xB7, 0xFF}, // cyan
	{0x35, 0x9A, 0xD4, 0xFF}, // blue
	{0xD9, 0x55, 0x74, 0xFF}, // pink
}

// Colour is the background Telegram's apps give the user with this id.
func Colour(userID int64) color.RGBA {
	i := userID % int64(len(palette))
	if i < 0 {
		i = -i
	}
	return palette[i]
}

// bold is Go Bold parsed once: the Go fonts cover Latin, Greek and
// Cyrillic, which is what initials are drawn with; other scripts fall back.
var bold = sync.OnceValues(func() (*sfnt.Font, error) { return opentype.Parse(gobold.TTF) })

// JPEG draws the user's placeholder and encodes it as a square JPEG of Side
// pixels. The same user and name always give the same bytes.
func JPEG(userID int64, first, last string) ([]byte, error) {
	img := canvases.Get().(*image.RGBA)
	defer canvases.Put(img)
	if err := drawOn(img, userID, first, last); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, errors.Wrap(err, "encode placeholder")
	}
	return buf.Bytes(), nil
}

// Draw paints the placeholder: the initials when the font can draw any,
// else a silhouette, never a box for a missing glyph.
func Draw(userID int64, first, last string) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, Side, Side))
	return img, drawOn(img, userID, first, last)
}

// canvases are pictures JPEG draws on and hands back once encoded: a bulk
// job draws thousands, each 1.6 MB, which the garbage collector would
// otherwise clear and free by the gigabyte.
var canvases = sync.Pool{New: func() any { return image.NewRGBA(image.Rect(0, 0, Side, Side)) }}

// drawOn paints the placeholder over all of img, whatever it held.
func drawOn(img *image.RGBA, userID int64, first, last string) error {
	f, err := bold()
	if err != nil {
		return errors.Wrap(err, "parse font")
	}
	draw.Draw(img, img.Bounds(), image.NewUniform(Colour(userID)), image.Point{}, draw.Src)
	text := initials(f, first, last)
	if text == "" {
		silhouette(img)
		return nil
	}
	return letters(img, f, text)
}

// Initials are what Draw writes for the name: the first drawable letter
// of the first word and of the last word of the full name, upper-cased, as
// Telegram Desktop's Ui::EmptyUserpic takes them. "" means a silhouette.
func Initials(first, last string) string {
	f, err := bold()
	if err != nil {
		return ""
	}
	return initials(f, first, last)
}

func initials(f *sfnt.Font, first, last string) string {
	var found []rune
	for _, word := range strings.Fields(first + " " + last) {
		if r, ok := firstDrawable(f, word); ok {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 0:
		return ""
	case 1:
		return string(found[0])
	}
	return string([]rune{found[0], found[len(found)-1]})
}

// firstDrawable is the first letter or digit of name that the font has a
// glyph for, upper-cased; emoji, symbols and scripts it lacks are skipped.
func firstDrawable(f *sfnt.Font, name string) (rune, bool) {
	var buf sfnt.Buffer
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		up := unicode.ToUpper(r)
		if gi, err := f.GlyphIndex(&buf, up); err == nil && gi != 0 {
			return up, true
		}
		if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 {
			return r, true
		}
	}
	return 0, false
}

// letters draws text in white, centred by its ink (the glyphs' own
// bounds), not by the font's line metrics, so "AJ" and "ЯЁ" sit in the
// middle alike.
func letters(img *image.RGBA, f *sfnt.Font, text string) error {
	size := float64(Side) * 0.40
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return errors.Wrap(err, "font face")
	}
	defer face.Close()
	d := &font.Drawer{Dst: img, Src: image.White, Face: face}
	ink, _ := d.BoundString(text)
	w, h := ink.Max.X-ink.Min.X, ink.Max.Y-ink.Min.Y
	half := fixed.I(Side / 2)
	d.Dot = fixed.Point26_6{X: half - w/2 - ink.Min.X, Y: half - h/2 - ink.Min.Y}
	d.DrawString(text)
	return nil
}
