package mp4

import (
	"bytes"
	"encoding/binary"
)

// The builders below make MP4 files box by box, as muxers write them.

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// box is a box with a 32-bit size.
func box(typ string, body ...[]byte) []byte {
	b := cat(body...)
	return cat(be32(uint32(8+len(b))), []byte(typ), b)
}

// box64 is a box with a 64-bit size (size field 1).
func box64(typ string, body ...[]byte) []byte {
	b := cat(body...)
	return cat(be32(1), []byte(typ), be64(uint64(16+len(b))), b)
}

// boxToEnd is a box with size 0: it runs to the end of the file.
func boxToEnd(typ string, body ...[]byte) []byte {
	return cat(be32(0), []byte(typ), cat(body...))
}

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func ftyp() []byte { return box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2avc1mp41")) }

func mdat(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i * 31)
	}
	return box("mdat", b)
}

// header is the body of an mvhd or mdhd: version and flags, creation and
// modification times, timescale, duration, then size-4 bytes of the rest.
func header(typ string, version byte, scale uint32, dur uint64, rest int) []byte {
	if version == 1 {
		return box(typ, []byte{1, 0, 0, 0}, make([]byte, 16), be32(scale), be64(dur), make([]byte, rest))
	}
	return box(typ, []byte{version, 0, 0, 0}, make([]byte, 8), be32(scale), be32(uint32(dur)), make([]byte, rest))
}

func mvhd(version byte, scale uint32, dur uint64) []byte {
	return header("mvhd", version, scale, dur, 80)
}
func mdhd(version byte, scale uint32, dur uint64) []byte {
	return header("mdhd", version, scale, dur, 4)
}

func tkhd(version byte, w, h int) []byte {
	times := make([]byte, 20) // creation, modification, id, reserved, duration
	if version == 1 {
		times = make([]byte, 32)
	}
	return box("tkhd", []byte{version, 0, 0, 3}, times, make([]byte, 52), be32(uint32(w)<<16), be32(uint32(h)<<16))
}

func hdlr(handler string) []byte {
	return box("hdlr", make([]byte, 8), []byte(handler), make([]byte, 12), []byte("Handler\x00"))
}

// stsd holds one sample entry; a visual one has its size at bytes 24..28.
func stsd(entry string, w, h int) []byte {
	e := box(entry, make([]byte, 6), be16(1), make([]byte, 16), be16(uint16(w)), be16(uint16(h)), make([]byte, 50))
	return box("stsd", make([]byte, 4), be32(1), e)
}

func moov(children ...[]byte) []byte { return box("moov", children...) }

func trak(children ...[]byte) []byte { return box("trak", children...) }

// mdia is a track's media box: its mdhd, handler and sample description.
func mdia(mdhd []byte, handler string, stsd []byte) []byte {
	return box("mdia", mdhd, hdlr(handler), box("minf", box("stbl", stsd)))
}

// videoTrak is a complete w×h AVC track lasting what its mdhd says.
func videoTrak(w, h int, mdhd []byte) []byte {
	return trak(tkhd(0, w, h), mdia(mdhd, "vide", stsd("avc1", w, h)))
}

func audioTrak() []byte {
	return trak(tkhd(0, 0, 0), mdia(mdhd(0, 44100, 3*44100), "soun", stsd("mp4a", 0, 0)))
}
