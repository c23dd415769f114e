package imagefile

import "encoding/binary"

// pngSize reads the IHDR chunk, which the PNG specification puts first.
func pngSize(h *header) (width, height int, err error) {
	// signature (8), length (4), "IHDR" (4), width (4), height (4)
	if err := h.need(24); err != nil {
		return 0, 0, err
	}
	if string(h.buf[12:16]) != "IHDR" || binary.BigEndian.Uint32(h.buf[8:]) != 13 {
		return 0, 0, damaged(FormatPNG, "it does not start with an image header")
	}
	w, hh := binary.BigEndian.Uint32(h.buf[16:]), binary.BigEndian.Uint32(h.buf[20:])
	if w == 0 || hh == 0 || w > 1<<31-1 || hh > 1<<31-1 {
		return 0, 0, damaged(FormatPNG, "its image header has a bad size")
	}
	return int(w), int(hh), nil
}
