package imagefile

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"io"
	"testing"
	"testing/iotest"

	"persona/internal/usererr"
)

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name string
		head string
		want Format
	}{
		{"jpeg jfif", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", FormatJPEG},
		{"jpeg exif", "\xff\xd8\xff\xe1\x2f\xfeExif\x00\x00", FormatJPEG},
		{"jpeg bare", "\xff\xd8\xff", FormatJPEG},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", FormatPNG},
		{"webp lossy", "RIFF\x24\x00\x00\x00WEBPVP8 ", FormatWebP},
		{"webp lossless", "RIFF\x24\x00\x00\x00WEBPVP8L", FormatWebP},
		{"webp extended", "RIFF\x24\x00\x00\x00WEBPVP8X", FormatWebP},
		{"gif87a", "GIF87a\x10\x00\x10\x00", FormatGIF},
		{"gif89a", "GIF89a", FormatGIF},
		{"bmp", "BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", FormatBMP},
		{"bmp v5", "BM\x8a\x00\x00\x00\x00\x00\x00\x00\x8a\x00\x00\x00\x7c\x00\x00\x00", FormatBMP},
		{"tiff little endian", "II*\x00\x08\x00\x00\x00", FormatTIFF},
		{"tiff big endian", "MM\x00*\x00\x00\x00\x08", FormatTIFF},
		{"bigtiff", "II+\x00\x08\x00\x00\x00", FormatTIFF},
		{"heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", FormatHEIC},
		{"heic by compatible brand", "\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1MiPrheic", FormatHEIC},
		{"heif generic", "\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1miaf", FormatHEIC},
		{"heic sequence", "\x00\x00\x00\x18ftyphevc\x00\x00\x00\x00msf1hevc", FormatHEIC},
		{"avif", "\x00\x00\x00\x20ftypavif\x00\x00\x00\x00avifmif1miafMA1B", FormatAVIF},
		{"avif by compatible brand", "\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf", FormatAVIF},
		{"avif sequence", "\x00\x00\x00\x1cftypavis\x00\x00\x00\x00avismsf1", FormatAVIF},
		{"mp4", "\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", FormatUnknown},
		{"brand past the box", "\x00\x00\x00\x10ftypisom\x00\x00\x00\x00heic", FormatUnknown},
		{"riff wave", "RIFF\x24\x00\x00\x00WAVEfmt ", FormatUnknown},
		{"bmp-like text", "BMW is a car maker, founded 1916", FormatUnknown},
		{"bmp too short to tell", "BM\x36\x00", FormatUnknown},
		{"jpeg cut", "\xff\xd8", FormatUnknown},
		{"png cut", "\x89PNG", FormatUnknown},
		{"pdf", "%PDF-1.7\n", FormatUnknown},
		{"empty", "", FormatUnknown},
		{"magic past 32 bytes", "0123456789abcdef0123456789abcdef\xff\xd8\xff", FormatUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.head)); got != tc.want {
				t.Fatalf("Sniff(%q) = %q, want %q", tc.head, got, tc.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	jpeg640 := encodeJPEG(t, gradient(640, 480), 90)
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, gradient(16, 16), nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		data    []byte
		want    Info
		wantErr string // a part of the *usererr.Error message, or "" for none
	}{
		{"jpeg 160×160", encodeJPEG(t, gradient(160, 160), 90), Info{FormatJPEG, 160, 160}, ""},
		{"jpeg 640×480", jpeg640, Info{FormatJPEG, 640, 480}, ""},
		{"jpeg 100×80", encodeJPEG(t, gradient(100, 80), 90), Info{FormatJPEG, 100, 80},
			"image is 100×80; a profile photo must be at least 160×160"},
		{"jpeg 20000×10", encodeJPEG(t, gradient(20000, 10), 50), Info{FormatJPEG, 20000, 10}, "image is 20000×10"},
		{"jpeg after 200 KiB of APP1", withAPP1(jpeg640, 200<<10), Info{FormatJPEG, 640, 480}, ""},
		{"jpeg progressive", sof(jpeg640, 0xc2), Info{FormatJPEG, 640, 480}, ""},
		{"jpeg arithmetic", sof(jpeg640, 0xc9), Info{FormatJPEG, 640, 480}, ""},
		{"jpeg with fill bytes", append([]byte{0xff, 0xd8, 0xff, 0xff, 0xff}, jpeg640[3:]...), Info{FormatJPEG, 640, 480}, ""},
		{"jpeg past 1 MiB of APP1", withAPP1(jpeg640, maxHeader), Info{Format: FormatJPEG},
			"the JPEG file has no image size in its first 1 MiB"},
		{"jpeg without frame", []byte("\xff\xd8\xff\xdb\x00\x03\x00\xff\xda\x00\x02"), Info{Format: FormatJPEG},
			"the JPEG file is damaged: it has no frame header"},
		{"jpeg with bad length", []byte("\xff\xd8\xff\xe0\x00\x01JFIF"), Info{Format: FormatJPEG}, "a segment has a bad length"},
		{"jpeg with zero height", []byte("\xff\xd8\xff\xc0\x00\x0b\x08\x00\x00\x01\x00\x01\x01\x11\x00"), Info{Format: FormatJPEG},
			"its frame header has no size"},
		{"png 160×160", encodePNG(t, gradient(160, 160)), Info{FormatPNG, 160, 160}, ""},
		{"png 640×480", encodePNG(t, gradient(640, 480)), Info{FormatPNG, 640, 480}, ""},
		{"png 100×80", encodePNG(t, gradient(100, 80)), Info{FormatPNG, 100, 80},
			"image is 100×80; a profile photo must be at least 160×160"},
		{"png 20000×10", encodePNG(t, image.NewGray(image.Rect(0, 0, 20000, 10))), Info{FormatPNG, 20000, 10}, "image is 20000×10"},
		{"png head 10001×600", pngHead(10001, 600), Info{FormatPNG, 10001, 600},
			"image is 10001×600; a profile photo must be at most 10000 px on each side"},
		{"png head 4000×200", pngHead(4000, 200), Info{FormatPNG, 4000, 200}, ""},
		{"png head 4001×200", pngHead(4001, 200), Info{FormatPNG, 4001, 200},
			"image is 4001×200; a profile photo's sides must be within 20:1 of each other"},
		{"png head 200×4001", pngHead(200, 4001), Info{FormatPNG, 200, 4001}, "within 20:1"},
		{"png without IHDR", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDX\x00\x00\x01\x00\x00\x00\x01\x00"), Info{Format: FormatPNG},
			"the PNG file is damaged: it does not start with an image header"},
		{"png of zero width", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x00\x00\x00\x01\x00"), Info{Format: FormatPNG},
			"bad size"},
		{"empty", nil, Info{}, "the file is empty"},
		{"gif", gifBuf.Bytes(), Info{Format: FormatGIF}, "the file is a GIF image; send a JPEG, PNG or WebP"},
		{"bmp", []byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), Info{Format: FormatBMP},
			"the file is a BMP image; send a JPEG, PNG or WebP"},
		{"tiff", []byte("MM\x00*\x00\x00\x00\x08"), Info{Format: FormatTIFF}, "the file is a TIFF image; send"},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), Info{Format: FormatHEIC},
			"the file is HEIC; send a JPEG, PNG or WebP"},
		{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), Info{Format: FormatAVIF}, "the file is AVIF; send"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Info{}, `the file is not an image (starts with "%PDF-1.7"); send a JPEG, PNG or WebP`},
		{"text", []byte("hi\n"), Info{}, `(starts with "hi\n")`},
		{"binary", []byte{0, 1, 2, 0xfe, 0xff, 5, 6, 7, 8, 9}, Info{}, "(starts with 00 01 02 FE FF 05 06 07)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, rd, err := Check(bytes.NewReader(tc.data))
			if info != tc.want {
				t.Errorf("info = %+v, want %+v", info, tc.want)
			}
			if tc.wantErr != "" {
				checkUserError(t, err, tc.wantErr)
				if rd != nil {
					t.Error("a reader came with the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkReproduces(t, rd, tc.data)
		})
	}
}

// TestCheckTruncated cuts a file at every byte of its header: each cut is
// refused as such, and the full header is accepted.
func TestCheckTruncated(t *testing.T) {
	for _, tc := range []struct {
		name      string
		data      []byte
		headerLen int // bytes up to the end of the dimensions
	}{
		{"jpeg", encodeJPEG(t, gradient(200, 200), 90), 0},
		{"png", encodePNG(t, gradient(200, 200)), 24},
		{"webp lossy", readFixture(t, "yellow_rose.lossy.webp"), 30},
		{"webp lossless", readFixture(t, "tux.lossless.webp"), 25},
		{"webp extended", readFixture(t, "yellow_rose.lossy-with-alpha.webp"), 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.headerLen
			if n == 0 {
				n = jpegHeaderLen(t, tc.data)
			}
			for cut := 1; cut < n; cut++ {
				_, _, err := Check(bytes.NewReader(tc.data[:cut]))
				if cut >= sniffMin(tc.data) {
					checkUserError(t, err, "file is cut short: it ends before its image size")
				} else {
					checkUserError(t, err, "the file is not an image")
				}
			}
			_, rd, err := Check(bytes.NewReader(tc.data[:n]))
			if err != nil {
				t.Fatalf("cut after the header: %v", err)
			}
			checkReproduces(t, rd, tc.data[:n])
		})
	}
}

// sniffMin is the length of the shortest prefix Sniff recognises.
func sniffMin(data []byte) int {
	for n := 1; ; n++ {
		if Sniff(data[:n]) != FormatUnknown {
			return n
		}
	}
}

// sof changes the frame type of a JPEG: Check reads no further than the
// frame header, so the rest need not match.
func sof(jpg []byte, marker byte) []byte {
	out := append([]byte(nil), jpg...)
	i := bytes.Index(out, []byte{0xff, 0xc0})
	out[i+1] = marker
	return out
}

// jpegHeaderLen is the length of the prefix up to the SOF dimensions.
func jpegHeaderLen(t *testing.T, data []byte) int {
	for i := 2; i+1 < len(data); i++ {
		if data[i] == 0xff && isSOF(data[i+1]) {
			return i + 9
		}
	}
	t.Fatal("no SOF")
	return 0
}

func TestCheckReaders(t *testing.T) {
	data := withAPP1(encodeJPEG(t, gradient(320, 240), 90), 70<<10)
	for _, tc := range []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"one byte", iotest.OneByteReader},
		{"half", iotest.HalfReader},
		{"data with EOF", iotest.DataErrReader},
		{"empty reads", func(r io.Reader) io.Reader { return &stutterReader{r: r} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, rd, err := Check(tc.wrap(bytes.NewReader(data)))
			if err != nil {
				t.Fatal(err)
			}
			if info != (Info{FormatJPEG, 320, 240}) {
				t.Fatalf("info = %+v", info)
			}
			checkReproduces(t, rd, data)
		})
	}
}

func TestCheckReadErrors(t *testing.T) {
	boom := errors.New("boom")
	data := encodeJPEG(t, gradient(640, 480), 90)

	_, _, err := Check(io.MultiReader(bytes.NewReader(data[:100]), iotest.ErrReader(boom)))
	var userErr *usererr.Error
	if !errors.Is(err, boom) || errors.As(err, &userErr) {
		t.Fatalf("error in the header: %v, want boom and no *usererr.Error", err)
	}

	_, rd, err := Check(io.MultiReader(bytes.NewReader(data), iotest.ErrReader(boom)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rd)
	if !errors.Is(err, boom) || !bytes.Equal(got, data) {
		t.Fatalf("after the header: %d bytes, %v; want %d bytes and boom", len(got), err, len(data))
	}

	_, _, err = Check(&stutterReader{r: bytes.NewReader(data), forever: true})
	if !errors.Is(err, io.ErrNoProgress) {
		t.Fatalf("reader without progress: %v", err)
	}
}

// stutterReader returns nothing, without an error, before every read; or
// forever.
type stutterReader struct {
	r       io.Reader
	forever bool
	odd     bool
}

func (s *stutterReader) Read(p []byte) (int, error) {
	s.odd = !s.odd
	if s.odd || s.forever {
		return 0, nil
	}
	return s.r.Read(p)
}

func checkReproduces(t *testing.T, rd io.Reader, want []byte) {
	t.Helper()
	got, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the reader yields %d bytes, not the %d of the input", len(got), len(want))
	}
}

func BenchmarkCheckJPEG(b *testing.B) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"40KiB", noiseJPEG(b, 0)},
		{"1MiB", noiseJPEG(b, 1<<20)},
		{"1MiB after 200KiB APP1", withAPP1(noiseJPEG(b, 1<<20), 200<<10)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			r := bytes.NewReader(tc.data)
			for b.Loop() {
				r.Reset(tc.data)
				if _, _, err := Check(r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(tc.data)), "file-bytes")
		})
	}
}
