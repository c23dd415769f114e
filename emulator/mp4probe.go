package emulator

import (
	"bytes"
	"encoding/binary"
	"image"
	"time"
)

// The server's own look at an uploaded video, written apart from the
// daemon's MP4 reader (docs/ARCHITECTURE.md: the emulator depends on nothing of ours,
// so a bug in one is caught by the other). It reads what Telegram checks of
// a profile video (TDLib td_api.tl, inputChatPhotoAnimation): an MP4 whose
// first video track is square, 160 to 1280 px a side, at most 10 s long.

// videoInfo is what the server reads of an MP4.
type videoInfo struct {
	w, h     int
	duration time.Duration
}

func isImage(data []byte) bool {
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && (format == "jpeg" || format == "png")
}

// probeMP4 reads an MP4's movie duration and its first video track's size.
// It answers false for anything but an ftyp box first, then a moov box with
// an mvhd and a video track, every box within its parent.
func probeMP4(data []byte) (videoInfo, bool) {
	boxes, ok := children(data)
	if !ok || len(boxes) == 0 || boxes[0].typ != "ftyp" {
		return videoInfo{}, false
	}
	for _, b := range boxes {
		if b.typ == "moov" {
			return readMoov(b.body)
		}
	}
	return videoInfo{}, false
}

type isoBox struct {
	typ  string
	body []byte
}

// children splits a container's body into its boxes (32- or 64-bit sizes,
// 0 meaning "to the end").
func children(b []byte) ([]isoBox, bool) {
	var out []isoBox
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, false
		}
		size, head := uint64(binary.BigEndian.Uint32(b)), uint64(8)
		if size == 1 {
			if len(b) < 16 {
				return nil, false
			}
			size, head = binary.BigEndian.Uint64(b[8:]), 16
		} else if size == 0 {
			size = uint64(len(b))
		}
		if size < head || size > uint64(len(b)) {
			return nil, false
		}
		out = append(out, isoBox{typ: string(b[4:8]), body: b[head:size]})
		b = b[size:]
	}
	return out, true
}

func readMoov(b []byte) (videoInfo, bool) {
	boxes, ok := children(b)
	if !ok {
		return videoInfo{}, false
	}
	var info videoInfo
	var haveHeader, haveVideo bool
	for _, c := range boxes {
		switch c.typ {
		case "mvhd":
			info.duration, haveHeader = movieDuration(c.body)
		case "trak":
			if w, h, isVideo := videoTrack(c.body); isVideo && !haveVideo {
				info.w, info.h, haveVideo = w, h, true
			}
		}
	}
	return info, haveHeader && haveVideo
}

// movieDuration reads mvhd: version 0 has 32-bit times, version 1 64-bit.
func movieDuration(b []byte) (time.Duration, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var scale uint32
	var units uint64
	switch b[0] {
	case 0:
		if len(b) < 20 {
			return 0, false
		}
		scale, units = binary.BigEndian.Uint32(b[12:]), uint64(binary.BigEndian.Uint32(b[16:]))
	case 1:
		if len(b) < 32 {
			return 0, false
		}
		scale, units = binary.BigEndian.Uint32(b[20:]), binary.BigEndian.Uint64(b[24:])
	default:
		return 0, false
	}
	if scale == 0 {
		return 0, false
	}
	return time.Duration(float64(units) / float64(scale) * float64(time.Second)), true
}

// videoTrack reads a trak: its tkhd's width and height (16.16 fixed point,
// the box's last 8 bytes) and whether its mdia's handler is "vide".
func videoTrack(b []byte) (w, h int, isVideo bool) {
	boxes, ok := children(b)
	if !ok {
		return 0, 0, false
	}
	for _, c := range boxes {
		switch c.typ {
		case "tkhd":
			if n := len(c.body); n >= 84 {
				w, h = int(binary.BigEndian.Uint32(c.body[n-8:])>>16), int(binary.BigEndian.Uint32(c.body[n-4:])>>16)
			}
		case "mdia":
			isVideo = handlerIsVideo(c.body)
		}
	}
	return w, h, isVideo
}

func handlerIsVideo(mdia []byte) bool {
	boxes, ok := children(mdia)
	if !ok {
		return false
	}
	for _, c := range boxes {
		// hdlr: version and flags (4), pre_defined (4), handler_type (4).
		if c.typ == "hdlr" && len(c.body) >= 12 && string(c.body[8:12]) == "vide" {
			return true
		}
	}
	return false
}
