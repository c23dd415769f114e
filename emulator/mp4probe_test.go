package emulator

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"testing"
	"time"
)

// mvhdBody is a movie header with the timescale and duration; version 1
// has 64-bit times.
func mvhdBody(version byte, timescale, duration uint32) []byte {
	if version == 1 {
		b := make([]byte, 112)
		b[0] = version
		binary.BigEndian.PutUint32(b[20:], timescale)
		binary.BigEndian.PutUint64(b[24:], uint64(duration))
		return b
	}
	b := make([]byte, 100)
	b[0] = version
	binary.BigEndian.PutUint32(b[12:], timescale)
	binary.BigEndian.PutUint32(b[16:], duration)
	return b
}

// bigBox is a box with a 64-bit size (size field 1).
func bigBox(typ string, body []byte) []byte {
	b := make([]byte, 16, 16+len(body))
	binary.BigEndian.PutUint32(b, 1)
	copy(b[4:], typ)
	binary.BigEndian.PutUint64(b[8:], uint64(16+len(body)))
	return append(b, body...)
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// seconds is what probeMP4 reports for a video of that length.
func seconds(w, h int, s float64) videoInfo {
	return videoInfo{w: w, h: h, duration: time.Duration(s * float64(time.Second))}
}

func TestProbeMP4(t *testing.T) {
	ftyp := mp4Box("ftyp", []byte("isom\x00\x00\x02\x00isom"))
	trak := videoTrak(320, 320, 1000, 3000)
	moov := mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(0, 1000, 3000)), trak))
	mdat := mp4Box("mdat", []byte("frames"))
	valid := MP4(640, 640, 2.5, 100)
	sizeZero := append([]byte{0, 0, 0, 0}, []byte("mdatframes to the end")...)
	tooBig := mp4Box("mdat", []byte("x"))
	binary.BigEndian.PutUint32(tooBig, 100)
	audio := mp4Box("trak", mp4Box("tkhd", make([]byte, 84)))

	for _, tt := range []struct {
		name string
		data []byte
		ok   bool
		info videoInfo
	}{
		{"the MP4 fixture", valid, true, seconds(640, 640, 2.5)},
		{"minimal", concat(ftyp, moov, mdat), true, seconds(320, 320, 3)},
		{"moov after mdat", concat(ftyp, mdat, moov), true, seconds(320, 320, 3)},
		{"64-bit box size", concat(bigBox("ftyp", []byte("isom")), moov, bigBox("mdat", []byte("frames"))), true, seconds(320, 320, 3)},
		{"last box to the end of the file", concat(ftyp, moov, sizeZero), true, seconds(320, 320, 3)},
		{"mvhd version 1", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(1, 1000, 3000)), trak)), mdat), true, seconds(320, 320, 3)},
		{"empty", nil, false, videoInfo{}},
		{"a JPEG", JPEG(8, 8, 0), false, videoInfo{}},
		{"truncated", valid[:len(valid)-1], false, videoInfo{}},
		{"trailing bytes", concat(valid, []byte{1, 2, 3}), false, videoInfo{}},
		{"no ftyp first", concat(moov, ftyp, mdat), false, videoInfo{}},
		{"no moov", concat(ftyp, mdat), false, videoInfo{}},
		{"moov without mvhd", concat(ftyp, mp4Box("moov", trak), mdat), false, videoInfo{}},
		{"no video track", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(0, 1000, 3000)), audio)), mdat), false, videoInfo{}},
		{"mvhd version 2", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(2, 1000, 3000)), trak)), mdat), false, videoInfo{}},
		{"zero timescale", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(0, 0, 3000)), trak)), mdat), false, videoInfo{}},
		{"short mvhd", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", make([]byte, 12)), trak)), mdat), false, videoInfo{}},
		{"box bigger than the file", concat(ftyp, moov, tooBig), false, videoInfo{}},
		{"box smaller than its header", concat(ftyp, moov, []byte{0, 0, 0, 4, 'f', 'r', 'e', 'e'}), false, videoInfo{}},
		{"broken box inside moov", concat(ftyp, mp4Box("moov", concat(mp4Box("mvhd", mvhdBody(0, 1, 1)), trak, []byte{0, 0, 0, 99})), mdat), false, videoInfo{}},
		{"64-bit size cut short", concat(ftyp, moov, []byte{0, 0, 0, 1, 'm', 'd', 'a', 't', 0, 0}), false, videoInfo{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			info, ok := probeMP4(tt.data)
			if ok != tt.ok || (ok && info != tt.info) {
				t.Fatalf("probeMP4 = %+v, %v; want %+v, %v", info, ok, tt.info, tt.ok)
			}
		})
	}
}

func FuzzProbeMP4(f *testing.F) {
	f.Add(MP4(800, 800, 3, 64))
	f.Add(concat(mp4Box("ftyp", nil), bigBox("moov", concat(mp4Box("mvhd", mvhdBody(0, 1, 1)), videoTrak(8, 8, 1, 1)))))
	f.Add([]byte{0, 0, 0, 0, 'f', 't', 'y', 'p'})
	f.Add([]byte{})
	f.Add(JPEG(4, 4, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, ok := probeMP4(data)
		if !ok {
			return
		}
		if len(data) < 8 || string(data[4:8]) != "ftyp" {
			t.Fatalf("accepted data that does not start with ftyp: %q", data[:min(len(data), 8)])
		}
		if info.duration < 0 || info.w <= 0 || info.h <= 0 {
			t.Fatalf("accepted with %+v", info)
		}
	})
}

func TestMP4FixturePassesTheCheck(t *testing.T) {
	for _, tt := range []struct {
		w, h    int
		seconds float64
		payload int
	}{
		{800, 800, 3, 0},
		{1080, 1080, 10, 1 << 20},
		{320, 240, 0.5, 7},
	} {
		data := MP4(tt.w, tt.h, tt.seconds, tt.payload)
		info, ok := probeMP4(data)
		if !ok || info != seconds(tt.w, tt.h, tt.seconds) {
			t.Errorf("MP4(%d, %d, %v, %d) probes as %+v, %v", tt.w, tt.h, tt.seconds, tt.payload, info, ok)
		}
		if len(data) < tt.payload || len(data) > tt.payload+512 {
			t.Errorf("MP4 with payload %d is %d bytes", tt.payload, len(data))
		}
	}
}

func TestJPEGFixture(t *testing.T) {
	base := len(JPEG(120, 80, 0))
	for _, pad := range []int{0, 1, 1000, 65533, 65534, 300 * 1024} {
		data := JPEG(120, 80, pad)
		img, format, err := image.Decode(bytes.NewReader(data))
		if err != nil || format != "jpeg" || img.Bounds().Dx() != 120 || img.Bounds().Dy() != 80 {
			t.Fatalf("JPEG(120, 80, %d) decodes as %s %v (%v)", pad, format, img.Bounds(), err)
		}
		// Each 64 KiB comment segment costs 4 bytes of header.
		grown, overhead := len(data)-base, 4*(pad/65533+1)
		if pad > 0 && (grown < pad || grown > pad+overhead) {
			t.Errorf("JPEG with pad %d grew by %d bytes", pad, grown)
		}
		if !isImage(data) {
			t.Errorf("JPEG with pad %d is not an image to the server", pad)
		}
	}
}

func TestIsImage(t *testing.T) {
	var pngData, gifData bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black, color.White})
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifData, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want bool
	}{
		{"jpeg", JPEG(4, 4, 0), true},
		{"png", pngData.Bytes(), true},
		{"gif", gifData.Bytes(), false},
		{"mp4", MP4(4, 4, 1, 0), false},
		{"text", []byte("hello"), false},
		{"nothing", nil, false},
	} {
		if got := isImage(tt.data); got != tt.want {
			t.Errorf("isImage(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
