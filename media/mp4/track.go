package mp4

import "encoding/binary"

// track is what a trak box says about one track.
type track struct {
	handler        boxType // hdlr's handler type: "vide", "soun", …; zero if none
	tkW, tkH       int     // tkhd's presentation size
	codedW, codedH int     // the visual sample entry's size
	visual         bool    // stsd holds a visual sample entry
	scale          uint32  // mdhd's
	dur            uint64  // mdhd's, in scale units
}

// visualEntries are the sample entry types that carry a picture size.
var visualEntries = map[string]bool{
	"avc1": true, "avc2": true, "avc3": true, "avc4": true,
	"hvc1": true, "hev1": true, "dvh1": true, "dvhe": true,
	"mp4v": true, "av01": true, "vp08": true, "vp09": true,
	"s263": true, "encv": true,
}

// rank prefers a track declared video; one with no handler but a picture
// size will do (minimal muxers write no hdlr); anything else is no video.
func (t *track) rank() int {
	switch {
	case string(t.handler[:]) == "vide":
		return 2
	case t.handler == boxType{} && (t.visual || t.tkW > 0 && t.tkH > 0):
		return 1
	}
	return 0
}

// size prefers the sample entry's coded size to tkhd's presentation size,
// which players may scale.
func (t *track) size() (w, h int) {
	if t.codedW > 0 && t.codedH > 0 {
		return t.codedW, t.codedH
	}
	return t.tkW, t.tkH
}

func (t *track) child(typ boxType, b []byte) error {
	switch string(typ[:]) {
	case "tkhd":
		return t.tkhd(b)
	case "mdia", "minf", "stbl":
		return walk(b, t.child)
	case "mdhd":
		var err error
		t.scale, t.dur, err = times("mdhd", b)
		return err
	case "hdlr":
		if len(b) < 12 {
			return bad("hdlr")
		}
		t.handler = boxType(b[8:12])
	case "stsd":
		if len(b) < 8 {
			return bad("stsd")
		}
		return walk(b[8:], t.sampleEntry)
	}
	return nil
}

// tkhd holds width and height in 16.16 fixed point at the end, after fields
// that version 1 widens.
func (t *track) tkhd(b []byte) error {
	off := 76
	if len(b) > 0 && b[0] == 1 {
		off = 88
	}
	if len(b) < off+8 || b[0] > 1 {
		return bad("tkhd")
	}
	t.tkW = int(binary.BigEndian.Uint32(b[off:]) >> 16)
	t.tkH = int(binary.BigEndian.Uint32(b[off+4:]) >> 16)
	return nil
}

// sampleEntry reads the first visual sample entry: 8 bytes of SampleEntry,
// 16 reserved, then 16-bit width and height.
func (t *track) sampleEntry(typ boxType, b []byte) error {
	if t.visual || !visualEntries[string(typ[:])] {
		return nil
	}
	if len(b) < 28 {
		return bad(string(typ[:]))
	}
	t.visual = true
	t.codedW = int(binary.BigEndian.Uint16(b[24:]))
	t.codedH = int(binary.BigEndian.Uint16(b[26:]))
	return nil
}
