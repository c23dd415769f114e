package emulator

import (
	"bytes"
	"image"
	_ "image/jpeg" // decode photos posted and uploaded
	_ "image/png"
	"math/rand/v2"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
)

// Media is an attachment for the Go API: build it with Photo, ImageFile,
// Video, GIF, RoundVideo or Sticker.
type Media struct {
	kind    string // photo | document
	data    []byte
	mime    string
	name    string
	attrs   []tg.DocumentAttributeClass
	video   bool
	round   bool
	sticker *StickerSet
	// DC is where the file lives; 0 is the home DC of the account that
	// receives it. A file forwarded into Saved Messages often lives on
	// another DC than the account (docs/ARCHITECTURE.md, "A file lives on the
	// DC it was uploaded to").
	DC int
}

// OnDC returns a copy of m that lives on DC dc.
func (m *Media) OnDC(dc int) *Media {
	out := *m
	out.DC = dc
	return &out
}

// Photo is a compressed photo, as Telegram's apps send pictures.
func Photo(jpeg []byte) *Media { return &Media{kind: "photo", data: jpeg} }

// ImageFile is an image sent as a file (uncompressed document).
func ImageFile(data []byte, mime, name string) *Media {
	attrs := []tg.DocumentAttributeClass{&tg.DocumentAttributeFilename{FileName: name}}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		attrs = append(attrs, &tg.DocumentAttributeImageSize{W: cfg.Width, H: cfg.Height})
	}
	return &Media{kind: "document", data: data, mime: mime, name: name, attrs: attrs}
}

// Document is any file sent as a document with its name, as a text or a
// vCard another app sends: its mime type as given, and the name in
// documentAttributeFilename (core.telegram.org/constructor/documentAttributeFilename).
func Document(data []byte, mime, name string) *Media {
	return &Media{kind: "document", data: data, mime: mime, name: name, attrs: []tg.DocumentAttributeClass{
		&tg.DocumentAttributeFilename{FileName: name},
	}}
}

// Video is an MP4 video of the given size and duration.
func Video(mp4 []byte, w, h int, seconds float64) *Media {
	return &Media{kind: "document", data: mp4, mime: "video/mp4", name: "video.mp4", video: true, attrs: []tg.DocumentAttributeClass{
		&tg.DocumentAttributeVideo{W: w, H: h, Duration: seconds, SupportsStreaming: true},
		&tg.DocumentAttributeFilename{FileName: "video.mp4"},
	}}
}

// RoundVideo is a round video message: square, MP4.
func RoundVideo(mp4 []byte, size int, seconds float64) *Media {
	m := Video(mp4, size, size, seconds)
	m.round = true
	m.attrs[0].(*tg.DocumentAttributeVideo).RoundMessage = true
	return m
}

// GIF is an animation: Telegram stores GIFs as silent MP4 documents.
func GIF(mp4 []byte, w, h int, seconds float64) *Media {
	m := Video(mp4, w, h, seconds)
	m.name = "animation.gif.mp4"
	m.attrs = append(m.attrs, &tg.DocumentAttributeAnimated{})
	m.attrs[1] = &tg.DocumentAttributeFilename{FileName: m.name}
	return m
}

// StickerSet is a sticker set known to the emulator.
type StickerSet struct {
	ID         int64
	AccessHash int64
	ShortName  string
}

func (s StickerSet) input() *tg.InputStickerSetID {
	return &tg.InputStickerSetID{ID: s.ID, AccessHash: s.AccessHash}
}

type stickerSet struct {
	set   StickerSet
	stick map[int64]bool // document ids of its stickers and custom emoji
}

// AddStickerSet registers a sticker set.
func (e *Emulator) AddStickerSet(shortName string) StickerSet {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := StickerSet{ID: rand.Int64(), AccessHash: rand.Int64(), ShortName: shortName}
	e.world.stickers[s.ID] = &stickerSet{set: s, stick: map[int64]bool{}}
	return s
}

// Sticker is a sticker from set: WebP, TGS or WebM data with its emoji.
func Sticker(data []byte, set StickerSet, emoji, mime string) *Media {
	return &Media{kind: "document", data: data, mime: mime, name: "sticker", sticker: &set, attrs: []tg.DocumentAttributeClass{
		&tg.DocumentAttributeSticker{Alt: emoji, Stickerset: set.input()},
		&tg.DocumentAttributeImageSize{W: 512, H: 512},
	}}
}

// AddCustomEmoji registers a custom emoji in set and returns its document
// id, for a MessageEntityCustomEmoji in posted text.
func (e *Emulator) AddCustomEmoji(set StickerSet, emoji string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	f := e.world.newDocument(e.now(), e.opts.DC, []byte("custom emoji "+emoji), "application/x-tgsticker", []tg.DocumentAttributeClass{
		&tg.DocumentAttributeCustomEmoji{Alt: emoji, Stickerset: set.input()},
	})
	if s := e.world.stickers[set.ID]; s != nil {
		s.stick[f.id] = true
	}
	e.world.emoji[f.id] = set.ID
	return f.id
}

// messageMedia stores the attachment as a file, on m.DC or else on dc, and
// renders it for a message.
func (w *world) messageMedia(now time.Time, dc int, m *Media) (tg.MessageMediaClass, error) {
	if m == nil {
		return nil, nil
	}
	if m.DC != 0 {
		dc = m.DC
	}
	switch m.kind {
	case "photo":
		f := w.newPhoto(now, dc, m.data)
		return &tg.MessageMediaPhoto{Photo: f.photo}, nil
	case "document":
		f := w.newDocument(now, dc, m.data, m.mime, m.attrs)
		if m.sticker != nil {
			if s := w.stickers[m.sticker.ID]; s != nil {
				s.stick[f.id] = true
			}
		}
		return &tg.MessageMediaDocument{Document: f.doc, Video: m.video, Round: m.round}, nil
	default:
		return nil, errors.Errorf("unknown media kind %q", m.kind)
	}
}
