package playground

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// message is what a parsed line posts; n makes each generated media
// different from the ones before.
func (c cast) message(l line, n int) emulator.Message {
	m := emulator.Message{Text: l.text, ReplyTo: l.replyTo, Quote: l.quote}
	if l.forward {
		m.ForwardFrom = c.alice.ID
	}
	switch l.kind {
	case "photo":
		m.Media = emulator.Photo(emulator.JPEG(640, 640, 1000+n))
	case "jpeg":
		m.Media = emulator.ImageFile(emulator.JPEG(512, 512, 1000+n), "image/jpeg", "image.jpg")
	case "png":
		m.Media = emulator.ImageFile(pngImage(512, n), "image/png", "image.png")
	case "video":
		m.Media = emulator.Video(emulator.MP4(640, 640, 5, 1000+n), 640, 640, 5)
	case "gif":
		m.Media = emulator.GIF(emulator.MP4(480, 480, 3, 1000+n), 480, 480, 3)
	case "round":
		m.Media = emulator.RoundVideo(emulator.MP4(400, 400, 4, 1000+n), 400, 4)
	case "sticker":
		m.Media = emulator.Sticker(emulator.StickerWebP(), c.stickers, "😀", "image/webp")
	case "animated sticker":
		m.Media = emulator.Sticker(append([]byte("\x1f\x8b\x08\x00"), byte(n)), c.stickers, "🎉", "application/x-tgsticker")
	case "video sticker":
		m.Media = emulator.Sticker(append([]byte("\x1a\x45\xdf\xa3"), byte(n)), c.stickers, "🎬", "video/webm")
	case "emoji":
		m.Text, m.Entities = withEmoji(l.text, c.emoji)
	case "vcf":
		m.Media = emulator.Document(c.vcard(n), "text/vcard", "contacts.vcf")
	}
	if l.dc4 && m.Media != nil {
		m.Media = m.Media.OnDC(4)
	}
	return m
}

// withEmoji appends the custom emoji to text, as a Telegram app does when
// it is picked from the emoji panel.
func withEmoji(text string, id int64) (string, []tg.MessageEntityClass) {
	if text != "" {
		text += " "
	}
	const emoji = "🙂"
	at := len(utf16.Encode([]rune(text)))
	return text + emoji, []tg.MessageEntityClass{&tg.MessageEntityCustomEmoji{
		Offset: at, Length: len(utf16.Encode([]rune(emoji))), DocumentID: id,
	}}
}

// pngImage is a size×size PNG, its colours shifted by n so that each is
// different.
func pngImage(size, n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			img.Set(x, y, color.RGBA{R: uint8(x + n), G: uint8(y * 3), B: uint8(n * 40), A: 255})
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // cannot fail on an RGBA image in memory
	return buf.Bytes()
}
