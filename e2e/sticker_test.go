package e2e_test

import (
	"bytes"
	"image"
	_ "image/png"
	"testing"

	"persona/emulator"
)

// TestStaticSticker: a still (WebP) sticker is drawn on the bg= colours and
// sent as a photo, as Telegram Desktop does; an animated one keeps its
// sticker markup.
func TestStaticSticker(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	set := w.emu.AddStickerSet("still_pack")
	for _, tt := range []struct {
		bg          string
		top, bottom [3]uint8
	}{
		{"bg=#FF0000", [3]uint8{255, 0, 0}, [3]uint8{255, 0, 0}},
		{"bg=#000000,#FFFFFF", [3]uint8{0, 0, 0}, [3]uint8{255, 255, 255}},
	} {
		sticker := emulator.Sticker(emulator.StickerWebP(), set, "🌹", "image/webp")
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice " + tt.bg, Media: sticker})), "✅")
		pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
		if !ok || pp.Kind != "photo" || pp.Markup != nil {
			t.Fatalf("%s: personal photo %s with markup %v, want a photo", tt.bg, pp.Kind, pp.Markup)
		}
		img, _, err := image.Decode(bytes.NewReader(pp.Data))
		if err != nil {
			t.Fatalf("%s: the uploaded picture does not decode: %v", tt.bg, err)
		}
		b := img.Bounds()
		if b.Dx() != b.Dy() || b.Dx() < 160 {
			t.Errorf("%s: picture is %v, want a square of at least 160 px", tt.bg, b)
		}
		for _, p := range []struct {
			y    int
			want [3]uint8
		}{{b.Min.Y, tt.top}, {b.Max.Y - 1, tt.bottom}} {
			r, g, bl, _ := img.At(b.Min.X, p.y).RGBA()
			if got := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}; got != p.want {
				t.Errorf("%s: corner at y=%d is %v, want the background %v", tt.bg, p.y, got, p.want)
			}
		}
		if c := img.At(b.Dx()/2, b.Dy()/2); c == img.At(b.Min.X, b.Dy()/2) {
			t.Errorf("%s: the centre is the background colour: no sticker drawn", tt.bg)
		}
	}
}
