package media

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"testing"

	"persona/internal/usererr"
)

// TestImageHead: the first part of an image file decides whether its parts
// may go up in parallel, must take the whole-file way, or are refused.
func TestImageHead(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 300))); err != nil {
		t.Fatal(err)
	}
	pngFile := b.Bytes()
	webp, err := os.ReadFile("../emulator/sticker.webp")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		part []byte
		size int64
		want string // "" passes, "whole" takes the stream, else a user error
	}{
		{"PNG", pngFile, int64(len(pngFile)), ""},
		{"PNG in a longer file", pngFile, partSize * 3, ""},
		{"header cut at the part's end", pngFile[:20], partSize * 3, "whole"},
		{"WebP", webp, partSize * 2, "whole"},
		{"GIF", []byte("GIF89a\x10\x00\x10\x00\x00\x00\x00"), 13, "user"},
	}
	for _, tt := range tests {
		err := imageHead(Source{Kind: KindImage, Size: tt.size})(tt.part)
		var user *usererr.Error
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v, want it to pass", tt.name, err)
		case tt.want == "whole" && !errors.Is(err, errWholeFile):
			t.Errorf("%s: %v, want the whole-file way", tt.name, err)
		case tt.want == "user" && !errors.As(err, &user):
			t.Errorf("%s: %v, want a user error", tt.name, err)
		}
	}
}
