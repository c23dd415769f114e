package imagefile

import (
	"encoding/binary"

	"persona/internal/usererr"
)

const (
	// maxWebP bounds the WebP files converted: decoding holds them whole.
	maxWebP = 10 << 20
	// webpAnimation is the animation flag of a VP8X chunk.
	webpAnimation = 1 << 1
	// webpChunkStart is the offset of the first chunk: "RIFF", size, "WEBP".
	webpChunkStart = 12
)

// webpSize reads the dimensions from the first chunk, which is all Check
// looks at: a VP8X canvas, or the frame of a simple lossy or lossless file.
func webpSize(h *header) (width, height int, err error) {
	if err := h.need(webpChunkStart); err != nil {
		return 0, 0, err
	}
	if size := int64(binary.LittleEndian.Uint32(h.buf[4:])) + 8; size > maxWebP {
		return 0, 0, tooLargeWebP(size)
	}
	if err := h.need(webpChunkStart + 8); err != nil {
		return 0, 0, err
	}
	fourCC := string(h.buf[webpChunkStart : webpChunkStart+4])
	payload := webpChunkStart + 8
	if err := h.need(payload + webpSizeLen(fourCC)); err != nil {
		return 0, 0, err
	}
	return webpChunkSize(fourCC, h.buf[payload:])
}

// webpFrameSize walks the chunks of a whole file to the frame and returns
// its size, which must match the canvas, if any: the frame is what the
// decoder allocates, so it is the size to check.
func webpFrameSize(data []byte) (width, height int, err error) {
	var canvasW, canvasH int
	for off := webpChunkStart; ; {
		if off+8 > len(data) {
			return 0, 0, damaged(FormatWebP, "it has no image data")
		}
		fourCC := string(data[off : off+4])
		size := int64(binary.LittleEndian.Uint32(data[off+4:]))
		payload := data[off+8:]
		if size < int64(len(payload)) {
			payload = payload[:size]
		}
		switch fourCC {
		case "VP8X":
			if canvasW, canvasH, err = webpChunkSize(fourCC, payload); err != nil {
				return 0, 0, err
			}
		case "VP8 ", "VP8L":
			if width, height, err = webpChunkSize(fourCC, payload); err != nil {
				return 0, 0, err
			}
			if canvasW != 0 && (width != canvasW || height != canvasH) {
				return 0, 0, damaged(FormatWebP, "its frame and canvas sizes differ")
			}
			return width, height, nil
		}
		if size > int64(len(payload)) {
			return 0, 0, damaged(FormatWebP, "it has no image data")
		}
		off += 8 + int(size+size&1) // chunks are padded to an even length
	}
}

// webpSizeLen is how much of a chunk webpChunkSize needs.
func webpSizeLen(fourCC string) int {
	switch fourCC {
	case "VP8X", "VP8 ":
		return 10
	case "VP8L":
		return 5
	}
	return 0
}

// webpChunkSize reads the size a VP8X, VP8 or VP8L chunk declares.
func webpChunkSize(fourCC string, p []byte) (width, height int, err error) {
	if len(p) < webpSizeLen(fourCC) {
		return 0, 0, damaged(FormatWebP, "a chunk is cut short")
	}
	switch fourCC {
	case "VP8X":
		if p[0]&webpAnimation != 0 {
			return 0, 0, usererr.New("animated WebP is not supported; send it as a sticker or a GIF")
		}
		width = 1 + int(uint24(p[4:]))
		height = 1 + int(uint24(p[7:]))
	case "VP8 ":
		if p[0]&1 != 0 || string(p[3:6]) != "\x9d\x01\x2a" {
			return 0, 0, damaged(FormatWebP, "its frame does not start with a key frame")
		}
		width = int(binary.LittleEndian.Uint16(p[6:]) & 0x3fff)
		height = int(binary.LittleEndian.Uint16(p[8:]) & 0x3fff)
		if width == 0 || height == 0 {
			return 0, 0, damaged(FormatWebP, "its frame has no size")
		}
	case "VP8L":
		if p[0] != 0x2f {
			return 0, 0, damaged(FormatWebP, "its lossless frame has a bad signature")
		}
		bits := binary.LittleEndian.Uint32(p[1:])
		width = 1 + int(bits&0x3fff)
		height = 1 + int(bits>>14&0x3fff)
	default:
		return 0, 0, damaged(FormatWebP, "it does not start with an image chunk")
	}
	return width, height, nil
}

func uint24(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
}
