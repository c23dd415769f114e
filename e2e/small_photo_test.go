package e2e_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"testing"

	"persona/emulator"
)

// TestSmallPhotoNotThumbnail: a well-compressed photo that weighs less than
// its own 320 px thumbnail is still set from its full size.
func TestSmallPhotoNotThumbnail(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg := flatJPEG(t, 800)
	if thumb := emulator.JPEG(320, 320, 0); len(jpeg) >= len(thumb) {
		t.Fatalf("the photo (%d bytes) must be lighter than the thumbnail (%d bytes)", len(jpeg), len(thumb))
	}
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(jpeg)})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatalf("personal photo of %d bytes, want the posted 800×800 JPEG of %d bytes", len(pp.Data), len(jpeg))
	}
}

// flatJPEG is a side×side JPEG of one colour: a few kilobytes.
func flatJPEG(t *testing.T, side int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: color.RGBA{R: 200, G: 120, B: 40, A: 255}}, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
