package emulator

import (
	"bytes"
	"image"

	"persona/mp4"
)

func isImage(data []byte) bool {
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && (format == "jpeg" || format == "png")
}

// probeMP4 is the server's sanity check of an uploaded video: an ftyp box
// first, a moov box with mvhd and a video track, and every top-level box
// within the file.
func probeMP4(data []byte) (mp4.Info, bool) {
	info, err := mp4.Probe(data)
	return info, err == nil
}
