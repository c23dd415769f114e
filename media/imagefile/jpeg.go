package imagefile

import "encoding/binary"

// jpegSize walks the JPEG markers up to the first frame header (SOFn) and
// returns the dimensions it declares. Segments before it, EXIF above all,
// are stepped over by their lengths; nothing is decoded.
func jpegSize(h *header) (width, height int, err error) {
	pos := 2 // after SOI
	for {
		marker, next, err := jpegMarker(h, pos)
		if err != nil {
			return 0, 0, err
		}
		pos = next
		switch {
		case marker == 0x01 || marker >= 0xd0 && marker <= 0xd7:
			continue // TEM and RSTn stand alone
		case marker == 0xd8:
			return 0, 0, damaged(FormatJPEG, "it starts twice")
		case marker == 0xd9 || marker == 0xda:
			return 0, 0, damaged(FormatJPEG, "it has no frame header")
		}
		if err := h.need(pos + 2); err != nil {
			return 0, 0, err
		}
		length := int(binary.BigEndian.Uint16(h.buf[pos:]))
		if length < 2 {
			return 0, 0, damaged(FormatJPEG, "a segment has a bad length")
		}
		if isSOF(marker) {
			return jpegFrameSize(h, pos, length)
		}
		pos += length
	}
}

// jpegMarker finds the marker at pos, skipping the fill bytes before it and,
// like libjpeg, any stray bytes that are not a marker at all.
func jpegMarker(h *header, pos int) (marker byte, next int, err error) {
	for {
		if err := h.need(pos + 2); err != nil {
			return 0, 0, err
		}
		if h.buf[pos] == 0xff && h.buf[pos+1] != 0xff && h.buf[pos+1] != 0x00 {
			return h.buf[pos+1], pos + 2, nil
		}
		pos++
	}
}

// isSOF reports whether marker starts a frame: SOF0 to SOF15 except DHT
// (C4), JPG (C8) and DAC (CC), which share the range.
func isSOF(marker byte) bool {
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc
}

// jpegFrameSize reads the frame header at pos: length, sample precision,
// number of lines, samples per line.
func jpegFrameSize(h *header, pos, length int) (width, height int, err error) {
	if length < 7 {
		return 0, 0, damaged(FormatJPEG, "its frame header is too short")
	}
	if err := h.need(pos + 7); err != nil {
		return 0, 0, err
	}
	height = int(binary.BigEndian.Uint16(h.buf[pos+3:]))
	width = int(binary.BigEndian.Uint16(h.buf[pos+5:]))
	if width == 0 || height == 0 {
		// A height of zero defers to a DNL marker after the first scan, which
		// almost nothing writes and Go cannot read.
		return 0, 0, damaged(FormatJPEG, "its frame header has no size")
	}
	return width, height, nil
}
