package imagefile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persona/internal/usererr"
)

// gradient is a cheap image whose every pixel differs from its neighbours'.
func gradient(w, h int) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 0xff})
		}
	}
	return m
}

func encodeJPEG(t testing.TB, m image.Image, quality int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHead is the start of a PNG, up to its image header: all Check reads,
// without the cost of encoding a big image.
func pngHead(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit grey
	out := binary.BigEndian.AppendUint32([]byte("\x89PNG\r\n\x1a\n"), uint32(len(ihdr)-4))
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// withAPP1 puts APP1 segments holding total bytes of payload right after the
// SOI of a JPEG, as big EXIF and XMP blocks are; one segment holds at most
// 65533 bytes.
func withAPP1(jpg []byte, total int) []byte {
	out := append([]byte(nil), jpg[:2]...)
	for total > 0 {
		n := min(total, 0xffff-2)
		total -= n
		out = append(out, 0xff, 0xe1, byte((n+2)>>8), byte(n+2))
		out = append(out, bytes.Repeat([]byte{'x'}, n)...)
	}
	return append(out, jpg[2:]...)
}

// noiseJPEG is a JPEG of random pixels of at least size bytes.
func noiseJPEG(t testing.TB, size int) []byte {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	for side := 160; ; side += side / 8 {
		m := image.NewGray(image.Rect(0, 0, side, side))
		for i := range m.Pix {
			m.Pix[i] = uint8(rnd.Uint32())
		}
		if data := encodeJPEG(t, m, 100); len(data) >= size {
			return data
		}
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkUserError fails unless err is a *usererr.Error whose message contains want.
func checkUserError(t *testing.T, err error, want string) {
	t.Helper()
	var userErr *usererr.Error
	if !errors.As(err, &userErr) {
		t.Fatalf("error %v (%T) is not a *usererr.Error", err, err)
	}
	if !strings.Contains(userErr.Msg, want) {
		t.Fatalf("error %q does not contain %q", userErr.Msg, want)
	}
}
