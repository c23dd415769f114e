// Package media picks the media a command refers to and streams it from
// Telegram back to Telegram: download parts feed upload parts through a
// bounded pipe, so no file is ever held whole in memory.
package media

import (
	"strings"

	"github.com/gotd/td/tg"

	"persona/internal/usererr"
)

// Kind is what a profile photo is made from.
type Kind string

const (
	KindPhoto   Kind = "photo"   // a compressed photo
	KindImage   Kind = "image"   // an image sent as a file
	KindVideo   Kind = "video"   // an MP4 video, GIF animation or round video
	KindSticker Kind = "sticker" // a sticker
	KindEmoji   Kind = "emoji"   // a custom emoji in the command text
)

// Source is media found in a message.
type Source struct {
	Kind     Kind
	MsgID    int // the message it came from
	DC       int // the data centre the file lives on; 0 when unknown (then the home DC)
	Location tg.InputFileLocationClass
	Size     int64
	Name     string
	// Duration, W and H describe videos, from the document attributes.
	Duration float64
	W, H     int
	// StickerSet and DocumentID describe stickers and custom emoji.
	StickerSet tg.InputStickerSetClass
	DocumentID int64
	// Static is a still (WebP) sticker: drawn on its background and sent
	// as a photo, never as sticker markup.
	Static bool
}

// FromMessage returns the media of m. ok is false when m has none; err is a
// *usererr.Error for media that cannot become a profile photo.
func FromMessage(m *tg.Message) (src Source, ok bool, err error) {
	switch media := m.Media.(type) {
	case *tg.MessageMediaPhoto:
		p, isPhoto := media.Photo.(*tg.Photo)
		if !isPhoto {
			return Source{}, false, nil
		}
		return fromPhoto(m.ID, p)
	case *tg.MessageMediaDocument:
		d, isDoc := media.Document.(*tg.Document)
		if !isDoc {
			return Source{}, false, nil
		}
		return fromDocument(m.ID, d)
	}
	return Source{}, false, nil
}

// fromPhoto picks the largest size: the original, never a thumbnail.
func fromPhoto(msgID int, p *tg.Photo) (Source, bool, error) {
	// The largest size is the one with the most pixels, as Telegram's apps
	// choose it; bytes only break a tie. A small, well-compressed original
	// can weigh less than a thumbnail.
	var (
		best       string
		area, size int
	)
	consider := func(typ string, w, h, n int) {
		if a := w * h; a > area || (a == area && n > size) {
			best, area, size = typ, a, n
		}
	}
	for _, s := range p.Sizes {
		switch s := s.(type) {
		case *tg.PhotoSize:
			consider(s.Type, s.W, s.H, s.Size)
		case *tg.PhotoSizeProgressive:
			if n := len(s.Sizes); n > 0 {
				consider(s.Type, s.W, s.H, s.Sizes[n-1])
			}
		}
	}
	if best == "" {
		return Source{}, false, usererr.New("the photo has no downloadable size")
	}
	return Source{
		Kind:  KindPhoto,
		MsgID: msgID,
		DC:    p.DCID,
		Location: &tg.InputPhotoFileLocation{
			ID: p.ID, AccessHash: p.AccessHash, FileReference: p.FileReference, ThumbSize: best,
		},
		Size: int64(size),
		Name: "photo.jpg",
	}, true, nil
}

func fromDocument(msgID int, d *tg.Document) (Source, bool, error) {
	src := Source{
		MsgID:      msgID,
		DC:         d.DCID,
		Location:   &tg.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference},
		Size:       d.Size,
		Name:       "file",
		DocumentID: d.ID,
	}
	for _, a := range d.Attributes {
		switch a := a.(type) {
		case *tg.DocumentAttributeFilename:
			src.Name = a.FileName
		case *tg.DocumentAttributeVideo:
			src.Duration, src.W, src.H = a.Duration, a.W, a.H
		case *tg.DocumentAttributeImageSize:
			src.W, src.H = a.W, a.H
		case *tg.DocumentAttributeSticker:
			src.Kind, src.StickerSet = KindSticker, a.Stickerset
		case *tg.DocumentAttributeCustomEmoji:
			src.Kind, src.StickerSet = KindEmoji, a.Stickerset
		}
	}
	if src.Kind != "" {
		src.Static = src.Kind == KindSticker && strings.EqualFold(d.MimeType, "image/webp")
		return src, true, nil
	}
	// The mime type only routes the file; its bytes decide (see inspect).
	switch mime := strings.ToLower(d.MimeType); {
	case strings.HasPrefix(mime, "image/") || imageName(src.Name):
		src.Kind = KindImage
	case mime == "video/mp4":
		src.Kind = KindVideo
	default:
		return Source{}, false, usererr.New(describeMime(mime) + " cannot be a profile photo; use a photo, a JPEG, PNG or WebP image, an MP4 video, a sticker or a custom emoji")
	}
	return src, true, nil
}

// imageName tells image files sent with a generic mime type by their name.
func imageName(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".webp"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func describeMime(mime string) string {
	if mime == "" {
		return "a file without a type"
	}
	return "a file of type " + mime
}
