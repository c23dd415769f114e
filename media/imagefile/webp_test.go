package imagefile

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"testing"
	"testing/iotest"

	"golang.org/x/image/webp"

	"persona/internal/usererr"
)

// animatedWebP is the head of an animated WebP: a VP8X chunk with the
// animation flag, a 400×300 canvas.
const animatedWebP = "RIFF\x00\x10\x00\x00WEBPVP8X\x0a\x00\x00\x00\x02\x00\x00\x00\x8f\x01\x00\x2b\x01\x00ANIM\x06\x00\x00\x00"

func TestCheckWebP(t *testing.T) {
	for _, tc := range []struct {
		name    string
		data    []byte
		want    Info
		wantErr string
	}{
		{"lossy", readFixture(t, "yellow_rose.lossy.webp"), Info{FormatWebP, 400, 301}, ""},
		{"lossless", readFixture(t, "tux.lossless.webp"), Info{FormatWebP, 386, 395}, ""},
		{"extended with alpha", readFixture(t, "yellow_rose.lossy-with-alpha.webp"), Info{FormatWebP, 400, 301}, ""},
		{"too small", readFixture(t, "gopher-doc.1bpp.lossless.webp"), Info{FormatWebP, 75, 100},
			"image is 75×100; a profile photo must be at least 160×160"},
		{"animated", []byte(animatedWebP), Info{Format: FormatWebP},
			"animated WebP is not supported; send it as a sticker or a GIF"},
		{"over 10 MiB", []byte("RIFF\x00\x00\xa0\x00WEBP"), Info{Format: FormatWebP},
			"the WebP file is 10.0 MiB; at most 10 MiB can be converted"},
		{"unknown first chunk", []byte("RIFF\x00\x10\x00\x00WEBPICCP\x00\x00\x00\x00"), Info{Format: FormatWebP},
			"the WebP file is damaged: it does not start with an image chunk"},
		{"lossy inter frame", []byte("RIFF\x00\x10\x00\x00WEBPVP8 \x00\x10\x00\x00\x01\x00\x00\x9d\x01\x2a\x90\x01\x2d\x01"), Info{Format: FormatWebP},
			"its frame does not start with a key frame"},
		{"lossless bad signature", []byte("RIFF\x00\x10\x00\x00WEBPVP8L\x00\x10\x00\x00\x2e\x00\x00\x00\x00"), Info{Format: FormatWebP},
			"bad signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, rd, err := Check(bytes.NewReader(tc.data))
			if info != tc.want {
				t.Errorf("info = %+v, want %+v", info, tc.want)
			}
			if tc.wantErr != "" {
				checkUserError(t, err, tc.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkReproduces(t, rd, tc.data)
		})
	}
}

func TestWebPToPNG(t *testing.T) {
	for _, name := range []string{
		"yellow_rose.lossy.webp",
		"tux.lossless.webp",
		"yellow_rose.lossy-with-alpha.webp",
	} {
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name)
			var out bytes.Buffer
			n, err := WebPToPNG(iotest.HalfReader(bytes.NewReader(data)), &out)
			if err != nil {
				t.Fatal(err)
			}
			if n != int64(out.Len()) {
				t.Errorf("WebPToPNG says %d bytes, wrote %d", n, out.Len())
			}
			info, _, err := Check(bytes.NewReader(out.Bytes()))
			if err != nil || info.Format != FormatPNG {
				t.Fatalf("the output is no acceptable PNG: %+v, %v", info, err)
			}
			got, err := png.Decode(&out)
			if err != nil {
				t.Fatal(err)
			}
			want, err := webp.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			comparePixels(t, got, want)
		})
	}
}

// comparePixels allows one step of 8-bit rounding per channel.
func comparePixels(t *testing.T, got, want image.Image) {
	t.Helper()
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	const tolerance = 0x101
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := got.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			for i, d := range []int{int(r1) - int(r2), int(g1) - int(g2), int(b1) - int(b2), int(a1) - int(a2)} {
				if d > tolerance || d < -tolerance {
					t.Fatalf("pixel (%d,%d) channel %d: got %v, want %v", x, y, i, got.At(x, y), want.At(x, y))
				}
			}
		}
	}
}

func TestWebPToPNGRefuses(t *testing.T) {
	rose := readFixture(t, "yellow_rose.lossy.webp")
	resized := append([]byte(nil), readFixture(t, "yellow_rose.lossy-with-alpha.webp")...)
	resized[24]++ // the canvas width, no longer the frame's
	overlong := append([]byte("RIFF\xf8\xff\x9f\x00WEBP"), make([]byte, maxWebP)...)
	for _, tc := range []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"jpeg", encodeJPEG(t, gradient(200, 200), 90), "the file is not a WebP image"},
		{"too small", readFixture(t, "gopher-doc.1bpp.lossless.webp"), "image is 75×100"},
		{"animated", []byte(animatedWebP), "animated WebP is not supported"},
		{"canvas and frame differ", resized, "the WebP file is damaged: its frame and canvas sizes differ"},
		{"cut short", rose[:len(rose)/2], "the WebP file is damaged"},
		{"cut in a chunk", rose[:24], "the WebP file is damaged: a chunk is cut short"},
		{"no image chunk", []byte("RIFF\x0c\x00\x00\x00WEBPICCP\x00\x00\x00\x00"), "the WebP file is damaged: it has no image data"},
		{"over 10 MiB", overlong, "the WebP file is over 10 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := WebPToPNG(bytes.NewReader(tc.data), io.Discard)
			checkUserError(t, err, tc.wantErr)
			if n != 0 {
				t.Errorf("wrote %d bytes", n)
			}
		})
	}
}

func TestWebPToPNGWriteError(t *testing.T) {
	boom := errors.New("boom")
	_, err := WebPToPNG(bytes.NewReader(readFixture(t, "tux.lossless.webp")), failingWriter{boom})
	var userErr *usererr.Error
	if !errors.Is(err, boom) || errors.As(err, &userErr) {
		t.Fatalf("error %v, want boom and no *usererr.Error", err)
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func BenchmarkWebPToPNG(b *testing.B) {
	for _, name := range []string{"yellow_rose.lossy.webp", "tux.lossless.webp"} {
		data := readFixture(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := WebPToPNG(bytes.NewReader(data), io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
