// Package imagefile decides what an image sent as a file really is before it
// becomes a profile photo: it sniffs the format from the first bytes (the
// mime type and the name are whatever the sender's app made up), reads the
// dimensions from the header, and converts WebP, which Telegram refuses as a
// profile photo, into PNG.
package imagefile

import (
	"bytes"
	"encoding/binary"
)

// Format is an image format recognised by its magic number.
type Format string

const (
	FormatUnknown Format = ""
	FormatJPEG    Format = "jpeg"
	FormatPNG     Format = "png"
	FormatWebP    Format = "webp"
	FormatGIF     Format = "gif"
	FormatBMP     Format = "bmp"
	FormatTIFF    Format = "tiff"
	FormatHEIC    Format = "heic"
	FormatAVIF    Format = "avif"
)

// sniffLen is how many leading bytes Sniff looks at.
const sniffLen = 32

var magics = []struct {
	prefix string
	format Format
}{
	{"\xff\xd8\xff", FormatJPEG},
	{"\x89PNG\r\n\x1a\n", FormatPNG},
	{"GIF87a", FormatGIF},
	{"GIF89a", FormatGIF},
	{"II*\x00", FormatTIFF},
	{"MM\x00*", FormatTIFF},
	{"II+\x00", FormatTIFF}, // BigTIFF
	{"MM\x00+", FormatTIFF},
}

// Sniff names the format of a file from its first bytes; it looks at no more
// than 32 of them and returns FormatUnknown when they match nothing.
func Sniff(head []byte) Format {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.prefix)) {
			return m.format
		}
	}
	switch {
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return FormatWebP
	case isBMP(head):
		return FormatBMP
	}
	return sniffISOBMFF(head)
}

// isBMP wants more than "BM", which plenty of text starts with: the size of
// the DIB header that follows must be one of the known ones.
func isBMP(head []byte) bool {
	if len(head) < 18 || string(head[:2]) != "BM" {
		return false
	}
	switch binary.LittleEndian.Uint32(head[14:18]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// sniffISOBMFF tells HEIC and AVIF apart by the brands of the ftyp box they
// open with; MP4 and other ISO media files are no images, so they are unknown.
func sniffISOBMFF(head []byte) Format {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return FormatUnknown
	}
	if f := brandFormat(string(head[8:12])); f != "" {
		return f
	}
	// A generic HEIF brand (mif1, msf1) leaves the codec to the compatible
	// brands, which follow the minor version.
	generic := false
	switch string(head[8:12]) {
	case "mif1", "msf1":
		generic = true
	}
	end := min(len(head), int(binary.BigEndian.Uint32(head[:4])))
	for i := 16; i+4 <= end; i += 4 {
		if f := brandFormat(string(head[i : i+4])); f != "" {
			return f
		}
		if b := string(head[i : i+4]); b == "mif1" || b == "msf1" {
			generic = true
		}
	}
	if generic {
		return FormatHEIC
	}
	return FormatUnknown
}

func brandFormat(brand string) Format {
	switch brand {
	case "avif", "avis":
		return FormatAVIF
	case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs":
		return FormatHEIC
	}
	return FormatUnknown
}

// name is how a message to the user calls the format.
func (f Format) name() string {
	switch f {
	case FormatJPEG:
		return "JPEG"
	case FormatPNG:
		return "PNG"
	case FormatWebP:
		return "WebP"
	case FormatGIF:
		return "GIF"
	case FormatBMP:
		return "BMP"
	case FormatTIFF:
		return "TIFF"
	case FormatHEIC:
		return "HEIC"
	case FormatAVIF:
		return "AVIF"
	}
	return "unknown"
}
