package imagefile

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"testing"
	"testing/iotest"

	"persona/internal/usererr"
)

func addSeeds(f *testing.F) {
	for _, seed := range [][]byte{
		encodeJPEG(f, gradient(160, 160), 75),
		withAPP1(encodeJPEG(f, gradient(16, 16), 75), 300),
		encodePNG(f, gradient(200, 170)),
		encodePNG(f, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black, color.White})),
		readFixture(f, "yellow_rose.lossy-with-alpha.webp"),
		readFixture(f, "gopher-doc.1bpp.lossless.webp"),
		[]byte(animatedWebP),
		[]byte("\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf"),
		[]byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"),
		[]byte("\xff\xd8\xff\xc0\x00\x0b\x08\x00\xa0\x00\xa0\x01\x01\x11\x00"),
		[]byte("GIF89a"),
		{},
	} {
		f.Add(seed)
	}
}

func FuzzSniff(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Sniff(data)
		if got.name() == "unknown" && got != FormatUnknown {
			t.Fatalf("Sniff returned the unlisted format %q", got)
		}
		if head := Sniff(data[:min(len(data), sniffLen)]); head != got {
			t.Fatalf("Sniff looked past %d bytes: %q, then %q", sniffLen, head, got)
		}
	})
}

func FuzzCheck(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		info, rd, err := Check(bytes.NewReader(data))
		// A bytes.Reader cannot fail, so every refusal is the file's fault.
		var userErr *usererr.Error
		if err != nil && !errors.As(err, &userErr) {
			t.Fatalf("error %v is not a *usererr.Error", err)
		}
		if err == nil {
			checkAccepted(t, info, rd, data)
		}
		// How the stream is cut into reads must not matter.
		info2, rd2, err2 := Check(iotest.OneByteReader(bytes.NewReader(data)))
		if info2 != info || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("byte by byte: %+v, %v; at once: %+v, %v", info2, err2, info, err)
		}
		if err2 == nil {
			checkAccepted(t, info2, rd2, data)
		}
	})
}

func checkAccepted(t *testing.T, info Info, rd io.Reader, data []byte) {
	t.Helper()
	switch info.Format {
	case FormatJPEG, FormatPNG, FormatWebP:
	default:
		t.Fatalf("accepted a %q", info.Format)
	}
	if checkSize(info.Width, info.Height) != nil {
		t.Fatalf("accepted %d×%d", info.Width, info.Height)
	}
	got, err := io.ReadAll(rd)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the reader yields %d bytes and %v, not the %d of the input", len(got), err, len(data))
	}
}

func FuzzWebPToPNG(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var out bytes.Buffer
		n, err := WebPToPNG(bytes.NewReader(data), &out)
		if err != nil {
			var userErr *usererr.Error
			if !errors.As(err, &userErr) {
				t.Fatalf("error %v is not a *usererr.Error", err)
			}
			return
		}
		if n != int64(out.Len()) {
			t.Fatalf("WebPToPNG says %d bytes, wrote %d", n, out.Len())
		}
		if _, err := png.Decode(&out); err != nil {
			t.Fatalf("the output is no PNG: %v", err)
		}
	})
}
