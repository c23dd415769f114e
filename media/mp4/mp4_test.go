package mp4

import (
	"errors"
	"math"
	"testing"
	"time"
)

type probeCase struct {
	name string
	data []byte
	want Info
	err  error
}

// probeCases are the fixtures for Probe, Scanner and the fuzzer's corpus.
func probeCases() []probeCase {
	mdhd3 := mdhd(0, 90000, 3*90000)
	video := moov(mvhd(0, 1000, 3000), videoTrak(640, 640, mdhd3))
	ok := Info{Width: 640, Height: 640, Duration: 3 * time.Second}
	file := func(mvhd []byte, tr ...[]byte) []byte {
		return cat(ftyp(), moov(append([][]byte{mvhd}, tr...)...), mdat(64))
	}
	entry := func(typ string) []byte { return trak(tkhd(0, 1, 1), mdia(mdhd3, "vide", stsd(typ, 720, 720))) }

	return []probeCase{
		{"faststart", cat(ftyp(), video, mdat(1000)), ok, nil},
		{"moov at the end", cat(ftyp(), mdat(1000), video), ok, nil},
		{"moov only", cat(ftyp(), video), ok, nil},
		{"mvhd version 1", file(mvhd(1, 600, 6000), videoTrak(640, 640, mdhd3)), Info{640, 640, 10 * time.Second}, nil},
		{"fractional duration", file(mvhd(0, 30000, 75075), videoTrak(640, 640, mdhd3)), Info{640, 640, 2502500 * time.Microsecond}, nil},
		{"absurd duration saturates", file(mvhd(1, 1, 1<<62), videoTrak(640, 640, mdhd3)), Info{640, 640, math.MaxInt64}, nil},
		{"64-bit mdat", cat(ftyp(), video, box64("mdat", make([]byte, 300))), ok, nil},
		{"64-bit ftyp and moov", cat(box64("ftyp", []byte("isom")), box64("mdat", make([]byte, 3)), box64("moov", video[8:])), ok, nil},
		{"last box to the end of the file", cat(ftyp(), video, boxToEnd("mdat", make([]byte, 500))), ok, nil},
		{"moov to the end of the file", cat(ftyp(), mdat(10), boxToEnd("moov", video[8:])), ok, nil},
		{"empty last box to the end", cat(ftyp(), video, boxToEnd("free")), ok, nil},
		{"mdhd when mvhd has no duration", file(mvhd(0, 1000, 0), videoTrak(640, 640, mdhd(0, 90000, 7*90000))), Info{640, 640, 7 * time.Second}, nil},
		{"mdhd when mvhd duration is unknown", file(mvhd(0, 1000, math.MaxUint32), videoTrak(640, 640, mdhd(1, 48, 96))), Info{640, 640, 2 * time.Second}, nil},
		{"mehd of a fragmented file", file(mvhd(0, 1000, 0), videoTrak(640, 640, mdhd(0, 90000, 0)), box("mvex", box("mehd", make([]byte, 4), be32(4500)))), Info{640, 640, 4500 * time.Millisecond}, nil},
		{"no duration anywhere", file(mvhd(0, 1000, 0), videoTrak(640, 640, mdhd(0, 90000, 0))), Info{640, 640, 0}, nil},
		{"stsd size over tkhd size", file(mvhd(0, 1000, 3000), trak(tkhd(0, 853, 480), mdia(mdhd3, "vide", stsd("avc1", 640, 480)))), Info{640, 480, 3 * time.Second}, nil},
		{"hvc1", file(mvhd(0, 1000, 3000), entry("hvc1")), Info{720, 720, 3 * time.Second}, nil},
		{"hev1", file(mvhd(0, 1000, 3000), entry("hev1")), Info{720, 720, 3 * time.Second}, nil},
		{"av01", file(mvhd(0, 1000, 3000), entry("av01")), Info{720, 720, 3 * time.Second}, nil},
		{"vp09", file(mvhd(0, 1000, 3000), entry("vp09")), Info{720, 720, 3 * time.Second}, nil},
		{"mp4v", file(mvhd(0, 1000, 3000), entry("mp4v")), Info{720, 720, 3 * time.Second}, nil},
		{"unknown entry falls back to tkhd", file(mvhd(0, 1000, 3000), trak(tkhd(0, 500, 500), mdia(mdhd3, "vide", stsd("xxxx", 9, 9)))), Info{500, 500, 3 * time.Second}, nil},
		{"tkhd only", file(mvhd(0, 1000, 3000), trak(tkhd(0, 320, 240))), Info{320, 240, 3 * time.Second}, nil},
		{"tkhd version 1", file(mvhd(0, 1000, 3000), trak(tkhd(1, 1080, 1080))), Info{1080, 1080, 3 * time.Second}, nil},
		{"audio before video", file(mvhd(0, 1000, 3000), audioTrak(), videoTrak(480, 480, mdhd3)), Info{480, 480, 3 * time.Second}, nil},
		{"declared video over guessed", file(mvhd(0, 1000, 3000), trak(tkhd(0, 100, 100)), videoTrak(200, 200, mdhd3)), Info{200, 200, 3 * time.Second}, nil},
		{"first of two video tracks", file(mvhd(0, 1000, 3000), videoTrak(200, 200, mdhd3), videoTrak(300, 300, mdhd3)), Info{200, 200, 3 * time.Second}, nil},
		{"second moov ignored", cat(ftyp(), video, moov(mvhd(0, 1, 9), videoTrak(9, 9, mdhd3))), ok, nil},
		{"unknown boxes in moov", file(mvhd(0, 1000, 3000), box("udta", []byte("x")), videoTrak(640, 640, mdhd3), box("free")), ok, nil},

		{"audio only", file(mvhd(0, 1000, 3000), audioTrak()), Info{}, ErrNoVideo},
		{"no tracks", file(mvhd(0, 1000, 3000)), Info{}, ErrNoVideo},
		{"track without a size", file(mvhd(0, 1000, 3000), trak(mdia(mdhd3, "vide", stsd("avc1", 0, 0)))), Info{}, ErrDamaged},
		{"empty", nil, Info{}, ErrNotMP4},
		{"a few bytes", []byte("\x00\x00\x00"), Info{}, ErrNotMP4},
		{"text", []byte("this is not a video, just some text"), Info{}, ErrNotMP4},
		{"no ftyp first", cat(video, ftyp(), mdat(10)), Info{}, ErrNotMP4},
		{"no moov", cat(ftyp(), mdat(100)), Info{}, ErrNoMoov},
		{"ftyp only", ftyp(), Info{}, ErrNoMoov},
		{"truncated mdat", cat(ftyp(), video, mdat(100))[:len(ftyp())+len(video)+50], Info{}, ErrTruncated},
		{"truncated moov", cat(ftyp(), mdat(100), video)[:len(ftyp())+108+len(video)/2], Info{}, ErrTruncated},
		{"truncated box header", cat(ftyp(), video, []byte{0, 0, 1}), Info{}, ErrTruncated},
		{"64-bit size cut short", cat(ftyp(), video, []byte{0, 0, 0, 1, 'm', 'd', 'a', 't', 0, 0}), Info{}, ErrTruncated},
		{"moov too big", cat(ftyp(), be32(maxMoov+9), []byte("moov"), video[8:]), Info{}, ErrMoovTooBig},
		{"64-bit moov too big", cat(ftyp(), be32(1), []byte("moov"), be64(1<<62), video[8:]), Info{}, ErrMoovTooBig},
		{"box smaller than its header", cat(ftyp(), video, be32(4), []byte("free")), Info{}, ErrDamaged},
		{"64-bit box smaller than its header", cat(ftyp(), be32(1), []byte("free"), be64(15)), Info{}, ErrDamaged},
		{"broken box inside moov", cat(ftyp(), moov(mvhd(0, 1000, 3000), be32(99)), mdat(10)), Info{}, ErrDamaged},
		{"box bigger than its parent", cat(ftyp(), moov(mvhd(0, 1000, 3000), trak(be32(99), []byte("tkhd")))), Info{}, ErrDamaged},
		{"empty moov", cat(ftyp(), moov(), mdat(10)), Info{}, ErrDamaged},
		{"moov without mvhd", file(box("free"), videoTrak(640, 640, mdhd3)), Info{}, ErrDamaged},
		{"mvhd zero timescale", file(mvhd(0, 0, 3000), videoTrak(640, 640, mdhd3)), Info{}, ErrDamaged},
		{"mvhd version 2", file(mvhd(2, 1000, 3000), videoTrak(640, 640, mdhd3)), Info{}, ErrDamaged},
		{"short mvhd", file(box("mvhd", make([]byte, 12)), videoTrak(640, 640, mdhd3)), Info{}, ErrDamaged},
		{"short mdhd", file(mvhd(0, 1000, 3000), trak(tkhd(0, 8, 8), mdia(box("mdhd", []byte{1}), "vide", stsd("avc1", 8, 8)))), Info{}, ErrDamaged},
		{"short tkhd", file(mvhd(0, 1000, 3000), trak(box("tkhd", make([]byte, 80)))), Info{}, ErrDamaged},
		{"short hdlr", file(mvhd(0, 1000, 3000), trak(box("mdia", box("hdlr", make([]byte, 10))))), Info{}, ErrDamaged},
		{"short stsd", file(mvhd(0, 1000, 3000), trak(box("stbl", box("stsd", make([]byte, 5))))), Info{}, ErrDamaged},
		{"short avc1", file(mvhd(0, 1000, 3000), trak(box("stbl", box("stsd", make([]byte, 8), box("avc1", make([]byte, 20)))))), Info{}, ErrDamaged},
		{"short mehd", file(mvhd(0, 1000, 3000), videoTrak(640, 640, mdhd3), box("mvex", box("mehd", []byte{0, 0}))), Info{}, ErrDamaged},
	}
}

func TestProbe(t *testing.T) {
	for _, tt := range probeCases() {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Probe(tt.data)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || info != tt.want {
				t.Fatalf("Probe = %+v, %v; want %+v, %v", info, err, tt.want, tt.err)
			}
		})
	}
}

func TestErrorsReadWell(t *testing.T) {
	for _, tt := range []struct {
		data []byte
		want string
	}{
		{[]byte("GIF89a"), "not an MP4 file (no ftyp box)"},
		{cat(ftyp(), mdat(1)), "MP4 has no moov box"},
		{cat(ftyp(), moov(mvhd(0, 1, 1), audioTrak())), "MP4 has no video track"},
		{cat(ftyp(), mdat(4))[:20], "MP4 file is truncated"},
		{cat(ftyp(), moov(mvhd(0, 0, 1))), "MP4 file is damaged (bad mvhd box)"},
		{cat(ftyp(), moov(be32(99))), "MP4 file is damaged (a box does not fit in its parent)"},
	} {
		if _, err := Probe(tt.data); err == nil || err.Error() != tt.want {
			t.Errorf("Probe(%q…) = %v, want %q", tt.data[:min(len(tt.data), 12)], err, tt.want)
		}
	}
}

// TestMoovSizeLimit writes moov boxes that run to the end of the file,
// whose size is known only as they arrive.
func TestMoovSizeLimit(t *testing.T) {
	head := cat(mvhd(0, 1000, 3000), videoTrak(64, 64, mdhd(0, 1, 3)))
	pad := func(body int) []byte { return box("free", make([]byte, body-len(head)-8)) }
	for _, tt := range []struct {
		name string
		data []byte
		err  error
	}{
		{"8 MiB", cat(ftyp(), box("moov", head, pad(maxMoov))), nil},
		{"8 MiB to the end", cat(ftyp(), boxToEnd("moov", head, pad(maxMoov))), nil},
		{"over 8 MiB to the end", cat(ftyp(), boxToEnd("moov", head, pad(maxMoov+1))), ErrMoovTooBig},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := Info{64, 64, 3 * time.Second}
			if tt.err != nil {
				want = Info{}
			}
			for _, chunk := range []int{1 << 10, 64 << 10, 1 << 20, len(tt.data)} {
				info, err := feed(t, tt.data, chunk)
				if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || info != want {
					t.Fatalf("in %d-byte chunks: %+v, %v; want %+v, %v", chunk, info, err, want, tt.err)
				}
			}
		})
	}
}
