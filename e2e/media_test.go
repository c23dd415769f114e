package e2e_test

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestVideo: a video is sent as `video` with video_start_ts from frame=.
func TestVideo(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	mp4 := emulator.MP4(800, 800, 5, 50_000)
	id := w.post(t, emulator.Message{Text: "/setphoto @alice frame=2.5", Media: emulator.Video(mp4, 800, 800, 5)})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	reqs := w.uploads(t)
	if len(reqs) != 1 {
		t.Fatalf("%d %s calls, want 1", len(reqs), uploadMethod)
	}
	req := reqs[0]
	if req.Video == nil || req.File != nil || !req.Save || req.Suggest {
		t.Fatalf("video request: video=%v file=%v save=%v suggest=%v", req.Video != nil, req.File != nil, req.Save, req.Suggest)
	}
	if ts, ok := req.GetVideoStartTs(); !ok || ts != 2.5 {
		t.Fatalf("video_start_ts %v (set %v), want 2.5", ts, ok)
	}
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok || pp.Kind != "video" || !bytes.Equal(pp.Data, mp4) {
		t.Fatalf("personal photo %s of %d bytes, want the MP4 of %d", pp.Kind, len(pp.Data), len(mp4))
	}
}

// TestImageFile: an image sent as a file goes as `file`, byte for byte.
func TestImageFile(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg := emulator.JPEG(512, 512, 1000)
	id := w.post(t, emulator.Message{Text: "/setphoto @bob", Media: emulator.ImageFile(jpeg, "image/jpeg", "face.jpg")})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	if req := w.uploads(t)[0]; req.File == nil || req.Video != nil || !req.Save {
		t.Fatalf("image file request: file=%v video=%v save=%v", req.File != nil, req.Video != nil, req.Save)
	}
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok || pp.Kind != "photo" || !bytes.Equal(pp.Data, jpeg) {
		t.Fatal("image file not set byte for byte")
	}
}

// TestStickerAndEmoji: an animated sticker and a custom emoji go as
// video_emoji_markup with the bg= colours.
func TestStickerAndEmoji(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	set := w.emu.AddStickerSet("e2e_pack")
	sticker := emulator.Sticker([]byte("\x1f\x8b\x08\x00tgs"), set, "😀", "application/x-tgsticker")
	id := w.post(t, emulator.Message{Text: "/setphoto @alice bg=#112233,#445566", Media: sticker})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok || pp.Kind != "sticker" {
		t.Fatalf("personal photo of @alice: %+v, want a sticker", pp)
	}
	sm, ok := pp.Markup.(*tg.VideoSizeStickerMarkup)
	if !ok || !slices.Equal(sm.BackgroundColors, []int{0x112233, 0x445566}) {
		t.Fatalf("sticker markup %+v, want bg #112233,#445566", pp.Markup)
	}

	emojiID := w.emu.AddCustomEmoji(set, "🙂")
	text := "/setphoto @bob 🙂 bg=#abcdef"
	offset := len(utf16.Encode([]rune("/setphoto @bob ")))
	id = w.post(t, emulator.Message{Text: text, Entities: []tg.MessageEntityClass{
		&tg.MessageEntityCustomEmoji{Offset: offset, Length: len(utf16.Encode([]rune("🙂"))), DocumentID: emojiID},
	}})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	pp, ok = w.emu.PersonalPhoto(w.me.ID, w.bob.ID)
	if !ok || pp.Kind != "emoji" {
		t.Fatalf("personal photo of @bob: %+v, want an emoji", pp)
	}
	em, ok := pp.Markup.(*tg.VideoSizeEmojiMarkup)
	if !ok || em.EmojiID != emojiID || !slices.Equal(em.BackgroundColors, []int{0xabcdef}) {
		t.Fatalf("emoji markup %+v, want emoji %d on #abcdef", pp.Markup, emojiID)
	}
	for _, req := range w.uploads(t) {
		if req.File != nil || req.Video != nil || req.VideoEmojiMarkup == nil || !req.Save {
			t.Errorf("markup request: file=%v video=%v markup=%v save=%v", req.File != nil, req.Video != nil, req.VideoEmojiMarkup != nil, req.Save)
		}
	}
}
