package e2e_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestVideoKinds: a GIF animation and a round video go as `video` too,
// with video_start_ts from frame=, byte for byte; a PNG sent as a file
// goes as `file`.
func TestVideoKinds(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	clip := emulator.MP4(640, 640, 4, 2000)
	png := pngImage(t, 300, 300)
	tests := []struct {
		name, text string
		media      *emulator.Media
		data       []byte
		kind       string
		startTS    float64
	}{
		{"gif", "/setphoto @alice frame=1.5", emulator.GIF(clip, 640, 640, 4), clip, "video", 1.5},
		{"round video", "/setphoto @alice frame=0", emulator.RoundVideo(clip, 640, 4), clip, "video", 0},
		{"png file", "/setphoto @alice", emulator.ImageFile(png, "image/png", "face.png"), png, "photo", 0},
	}
	for _, tt := range tests {
		before := len(w.uploads(t))
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text, Media: tt.media})), "✅")
		req := w.uploads(t)[before]
		if (tt.kind == "video") != (req.Video != nil) || (tt.kind == "photo") != (req.File != nil) {
			t.Errorf("%s: sent video=%v file=%v, want %s", tt.name, req.Video != nil, req.File != nil, tt.kind)
		}
		ts, hasTS := req.GetVideoStartTs()
		if hasTS != strings.Contains(tt.text, "frame=") || ts != tt.startTS {
			t.Errorf("%s: video_start_ts %v (set %v), want %v", tt.name, ts, hasTS, tt.startTS)
		}
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || pp.Kind != tt.kind || !bytes.Equal(pp.Data, tt.data) {
			t.Errorf("%s: personal photo %s of %d bytes, want the %s of %d", tt.name, pp.Kind, len(pp.Data), tt.kind, len(tt.data))
		}
	}
}

// TestMediaRefusals: what cannot become a profile photo is refused with
// the reason, before anything is uploaded.
func TestMediaRefusals(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, photoMedia := photo()
	set := w.emu.AddStickerSet("refusal_pack")
	sticker := emulator.Sticker([]byte("\x1f\x8b\x08\x00tgs"), set, "😀", "application/x-tgsticker")
	tests := []struct {
		name string
		msg  emulator.Message
		want string
	}{
		{"not an image", emulator.Message{Text: "/setphoto @alice", Media: emulator.ImageFile([]byte("%PDF-1.7"), "application/pdf", "cv.pdf")},
			"❌ a file of type application/pdf cannot be a profile photo"},
		{"frame of a photo", emulator.Message{Text: "/setphoto @alice frame=1", Media: photoMedia}, "❌ frame= only applies to a video"},
		// No attributes: the duration comes from the MP4 header as it streams.
		{"frame past the end, by the header", emulator.Message{Text: "/setphoto @alice frame=7", Media: emulator.ImageFile(emulator.MP4(720, 720, 5, 1000), "video/mp4", "clip.mp4")},
			"❌ frame=7 is past the end of the 5.0 s video"},
		{"frame out of range", emulator.Message{Text: "/setphoto @alice frame=10.5", Media: photoMedia}, "❌ frame=10.5 is out of range: pick 0 to 10 seconds"},
		{"five colours", emulator.Message{Text: "/setphoto @alice bg=#000001,#000002,#000003,#000004,#000005", Media: sticker}, "❌ bg takes 1 to 4 colours, got 5"},
		{"malformed colour", emulator.Message{Text: "/setphoto @alice bg=#11223G", Media: sticker}, "❌ bg=#11223G is not a colour: use #RRGGBB"},
		{"one malformed of two", emulator.Message{Text: "/setphoto @alice bg=#112233,blue", Media: sticker}, `❌ bg has "blue", which is not a colour`},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, tt.msg))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: reply %q, want it to start with %q", tt.name, r.Message, tt.want)
		}
	}
	if n := len(w.uploads(t)); n != 0 {
		t.Errorf("refused media caused %d %s calls", n, uploadMethod)
	}
}

// TestMarkupColours: a sticker, attached or replied to, becomes
// videoSizeStickerMarkup with its set and document id; a custom emoji
// videoSizeEmojiMarkup with its id; bg= gives 1 to 4 colours and its
// absence the default blue.
func TestMarkupColours(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	set := w.emu.AddStickerSet("colour_pack")
	stickerMsg := w.post(t, emulator.Message{Media: emulator.Sticker([]byte("\x1f\x8b\x08\x00tgs"), set, "😀", "application/x-tgsticker")})
	stickerID := documentID(t, w, stickerMsg)
	emojiID := w.emu.AddCustomEmoji(set, "🙂")
	emoji := func(text string) emulator.Message {
		off := len(utf16.Encode([]rune(text)))
		return emulator.Message{Text: text + "🙂", Entities: []tg.MessageEntityClass{&tg.MessageEntityCustomEmoji{Offset: off, Length: 2, DocumentID: emojiID}}}
	}
	reply := func(text string) emulator.Message { return emulator.Message{Text: text, ReplyTo: stickerMsg} }
	tests := []struct {
		name string
		msg  emulator.Message
		bg   []int
	}{
		{"sticker replied to, default bg", reply("/setphoto @alice"), []int{0x3E8EDE}},
		{"sticker, 4 colours", reply("/setphoto @alice bg=#000001,#000002,#000003,#000004"), []int{1, 2, 3, 4}},
		{"emoji, default bg", emoji("/setphoto @alice "), []int{0x3E8EDE}},
		{"emoji, 1 colour", emoji("/setphoto @alice bg=#FFFFFF "), []int{0xFFFFFF}},
	}
	for _, tt := range tests {
		wantPrefix(t, w.waitReply(t, d, w.post(t, tt.msg)), "✅")
		reqs := w.uploads(t)
		switch m := reqs[len(reqs)-1].VideoEmojiMarkup.(type) {
		case *tg.VideoSizeStickerMarkup:
			in, ok := m.Stickerset.(*tg.InputStickerSetID)
			if !ok || in.ID != set.ID || in.AccessHash != set.AccessHash || m.StickerID != stickerID {
				t.Errorf("%s: sticker markup %+v, want set %d and sticker %d", tt.name, m, set.ID, stickerID)
			}
			if !slices.Equal(m.BackgroundColors, tt.bg) || strings.Contains(tt.name, "emoji") {
				t.Errorf("%s: %+v, want bg %x", tt.name, m, tt.bg)
			}
		case *tg.VideoSizeEmojiMarkup:
			if m.EmojiID != emojiID || !slices.Equal(m.BackgroundColors, tt.bg) || strings.Contains(tt.name, "sticker") {
				t.Errorf("%s: emoji markup %+v, want emoji %d on %x", tt.name, m, emojiID, tt.bg)
			}
		default:
			t.Errorf("%s: markup %T", tt.name, m)
		}
	}
}

// documentID is the id of the document attached to message id.
func documentID(t *testing.T, w *world, id int) int64 {
	t.Helper()
	m, ok := w.emu.Message(w.me.ID, id)
	if msg, isMsg := m.(*tg.Message); ok && isMsg {
		if md, ok := msg.Media.(*tg.MessageMediaDocument); ok {
			if doc, ok := md.Document.(*tg.Document); ok {
				return doc.ID
			}
		}
	}
	t.Fatalf("message %d has no document", id)
	return 0
}
