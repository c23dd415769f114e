package emulator

import (
	"bytes"
	"encoding/binary"
	"image"
)

func isImage(data []byte) bool {
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && (format == "jpeg" || format == "png")
}

type mp4Info struct {
	width, height int
	seconds       float64
}

// probeMP4 is the server's sanity check of an uploaded video: an ftyp box
// first, a moov box with mvhd, and every top-level box within the file.
func probeMP4(data []byte) (mp4Info, bool) {
	var (
		info    mp4Info
		sawFtyp bool
		sawMoov bool
	)
	for off := 0; off < len(data); {
		size, typ, body, ok := readBox(data[off:])
		if !ok {
			return info, false
		}
		switch {
		case off == 0 && typ != "ftyp":
			return info, false
		case typ == "ftyp":
			sawFtyp = true
		case typ == "moov":
			sawMoov = parseMoov(body, &info)
		}
		off += size
	}
	return info, sawFtyp && sawMoov
}

func readBox(b []byte) (size int, typ string, body []byte, ok bool) {
	if len(b) < 8 {
		return 0, "", nil, false
	}
	size = int(binary.BigEndian.Uint32(b))
	typ = string(b[4:8])
	hdr := 8
	switch size {
	case 0: // ISO BMFF: the last box runs to the end of the file
		size = len(b)
	case 1: // a 64-bit size follows the type
		if len(b) < 16 {
			return 0, "", nil, false
		}
		size, hdr = int(binary.BigEndian.Uint64(b[8:])), 16
	}
	if size < hdr || size > len(b) {
		return 0, "", nil, false
	}
	return size, typ, b[hdr:size], true
}

func parseMoov(b []byte, info *mp4Info) bool {
	sawMvhd := false
	for off := 0; off < len(b); {
		size, typ, body, ok := readBox(b[off:])
		if !ok {
			return false
		}
		switch typ {
		case "mvhd":
			if len(body) < 20 || body[0] != 0 {
				return false
			}
			scale := binary.BigEndian.Uint32(body[12:])
			if scale == 0 {
				return false
			}
			info.seconds = float64(binary.BigEndian.Uint32(body[16:])) / float64(scale)
			sawMvhd = true
		case "trak":
			if _, t, tk, ok := readBox(body); ok && t == "tkhd" && len(tk) >= 84 && info.width == 0 {
				info.width = int(binary.BigEndian.Uint32(tk[76:]) >> 16)
				info.height = int(binary.BigEndian.Uint32(tk[80:]) >> 16)
			}
		}
		off += size
	}
	return sawMvhd
}
