package emulator

import _ "embed"

// stickerWebP is a real still WebP with transparency (400×301), for
// static stickers that a client may decode: golang.org/x/image's testdata
// yellow_rose.lossy-with-alpha.webp, unchanged (BSD-style licence,
// Copyright The Go Authors).
//
//go:embed sticker.webp
var stickerWebP []byte

// StickerWebP returns the bytes of a real still WebP sticker image.
func StickerWebP() []byte { return append([]byte(nil), stickerWebP...) }
