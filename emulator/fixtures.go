package emulator

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
)

// JPEG makes a real w×h JPEG; pad grows it with a comment segment, so tests
// can have a photo of any size that still decodes.
func JPEG(w, h, pad int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x * 7), G: uint8(y * 5), B: uint8(x ^ y), A: 255})
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
	out := buf.Bytes()
	if pad <= 0 {
		return out
	}
	// Insert COM segments (max 65533 bytes of payload each) after SOI.
	var com bytes.Buffer
	for pad > 0 {
		n := min(pad, 65533)
		com.Write([]byte{0xFF, 0xFE})
		_ = binary.Write(&com, binary.BigEndian, uint16(n+2))
		for i := range n {
			com.WriteByte(byte('a' + i%26))
		}
		pad -= n + 4
	}
	return append(append(append([]byte{}, out[:2]...), com.Bytes()...), out[2:]...)
}

// MP4 makes a minimal, structurally real MP4 (ftyp; moov with mvhd and one
// AVC video track: tkhd, mdhd, hdlr and the avc1 sample entry; mdat) of w×h
// and the duration, with mdat bytes of payload so tests can have a video of
// any size.
func MP4(w, h int, seconds float64, payload int) []byte {
	const timescale = 1000
	dur := uint32(seconds * timescale)
	var out bytes.Buffer
	out.Write(mp4Box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2avc1mp41")))

	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], timescale)
	binary.BigEndian.PutUint32(mvhd[16:], dur)
	binary.BigEndian.PutUint32(mvhd[20:], 0x00010000) // rate 1.0
	binary.BigEndian.PutUint16(mvhd[24:], 0x0100)     // volume 1.0
	binary.BigEndian.PutUint32(mvhd[96:], 2)          // next track id

	out.Write(mp4Box("moov", append(mp4Box("mvhd", mvhd), videoTrak(w, h, timescale, dur)...)))
	data := make([]byte, payload)
	for i := range data {
		data[i] = byte(i * 31)
	}
	out.Write(mp4Box("mdat", data))
	return out.Bytes()
}

// videoTrak is the trak box of a w×h AVC track lasting dur/timescale seconds.
func videoTrak(w, h int, timescale, dur uint32) []byte {
	tkhd := make([]byte, 84)
	tkhd[3] = 3 // enabled, in movie
	binary.BigEndian.PutUint32(tkhd[12:], 1)
	binary.BigEndian.PutUint32(tkhd[20:], dur)
	binary.BigEndian.PutUint32(tkhd[40:], 0x00010000) // matrix a
	binary.BigEndian.PutUint32(tkhd[56:], 0x00010000) // matrix d
	binary.BigEndian.PutUint32(tkhd[72:], 0x40000000) // matrix w
	binary.BigEndian.PutUint32(tkhd[76:], uint32(w)<<16)
	binary.BigEndian.PutUint32(tkhd[80:], uint32(h)<<16)

	mdhd := make([]byte, 24)
	binary.BigEndian.PutUint32(mdhd[12:], timescale)
	binary.BigEndian.PutUint32(mdhd[16:], dur)
	binary.BigEndian.PutUint16(mdhd[20:], 0x55c4) // language "und"

	hdlr := append(make([]byte, 24), "VideoHandler\x00"...)
	copy(hdlr[8:], "vide")

	// A visual sample entry: data reference 1, the size, 72 dpi, one frame
	// per sample, 24-bit colour.
	avc1 := make([]byte, 78)
	binary.BigEndian.PutUint16(avc1[6:], 1)
	binary.BigEndian.PutUint16(avc1[24:], uint16(w))
	binary.BigEndian.PutUint16(avc1[26:], uint16(h))
	binary.BigEndian.PutUint32(avc1[28:], 0x00480000)
	binary.BigEndian.PutUint32(avc1[32:], 0x00480000)
	binary.BigEndian.PutUint16(avc1[40:], 1)
	binary.BigEndian.PutUint16(avc1[74:], 0x0018)
	binary.BigEndian.PutUint16(avc1[76:], 0xffff)
	stsd := append([]byte{0, 0, 0, 0, 0, 0, 0, 1}, mp4Box("avc1", avc1)...)

	stbl := mp4Box("stbl", mp4Box("stsd", stsd))
	mdia := bytes.Join([][]byte{mp4Box("mdhd", mdhd), mp4Box("hdlr", hdlr), mp4Box("minf", stbl)}, nil)
	return mp4Box("trak", append(mp4Box("tkhd", tkhd), mp4Box("mdia", mdia)...))
}

func mp4Box(typ string, body []byte) []byte {
	b := make([]byte, 8, 8+len(body))
	binary.BigEndian.PutUint32(b, uint32(8+len(body)))
	copy(b[4:], typ)
	return append(b, body...)
}
