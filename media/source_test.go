package media

import (
	"testing"

	"github.com/gotd/td/tg"
)

func TestFromPhotoPicksMostPixels(t *testing.T) {
	tests := []struct {
		name     string
		sizes    []tg.PhotoSizeClass
		wantType string
		wantSize int64
	}{
		{"original lighter than its thumbnail", []tg.PhotoSizeClass{
			&tg.PhotoSize{Type: "s", W: 90, H: 90, Size: 3000},
			&tg.PhotoSize{Type: "m", W: 320, H: 320, Size: 19700},
			&tg.PhotoSize{Type: "x", W: 800, H: 800, Size: 15000},
		}, "x", 15000},
		{"progressive", []tg.PhotoSizeClass{
			&tg.PhotoStrippedSize{Type: "i", Bytes: []byte{1, 2, 3}},
			&tg.PhotoSize{Type: "m", W: 320, H: 320, Size: 20000},
			&tg.PhotoSizeProgressive{Type: "y", W: 1280, H: 1280, Sizes: []int{10000, 60000, 120000}},
		}, "y", 120000},
		{"same pixels: more bytes", []tg.PhotoSizeClass{
			&tg.PhotoSize{Type: "a", W: 100, H: 100, Size: 10},
			&tg.PhotoSize{Type: "b", W: 100, H: 100, Size: 20},
		}, "b", 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, ok, err := fromPhoto(7, &tg.Photo{ID: 1, Sizes: tt.sizes})
			if err != nil || !ok {
				t.Fatalf("fromPhoto: %v %v", ok, err)
			}
			loc := src.Location.(*tg.InputPhotoFileLocation)
			if loc.ThumbSize != tt.wantType || src.Size != tt.wantSize {
				t.Fatalf("picked %q of %d bytes, want %q of %d", loc.ThumbSize, src.Size, tt.wantType, tt.wantSize)
			}
		})
	}
	if _, _, err := fromPhoto(7, &tg.Photo{Sizes: []tg.PhotoSizeClass{&tg.PhotoStrippedSize{Type: "i"}}}); err == nil {
		t.Fatal("a photo with only a stripped size: no error")
	}
}
