package e2e_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestImageFileChecks: an image sent as a file is judged by its bytes:
// WebP becomes PNG, a GIF or a tiny image is refused with the reason, and
// nothing reaches photos.uploadContactProfilePhoto for a refused one.
func TestImageFileChecks(t *testing.T) {
	t.Parallel()
	w, d := running(t)

	webp, err := os.ReadFile("../media/imagefile/testdata/yellow_rose.lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.ImageFile(webp, "image/webp", "rose.webp")})), "✅")
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok {
		t.Fatal("no personal photo from the WebP")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(pp.Data))
	if err != nil || format != "png" || cfg.Width != 400 || cfg.Height != 301 {
		t.Fatalf("uploaded %s %dx%d (%v), want the WebP as a 400x301 PNG", format, cfg.Width, cfg.Height, err)
	}

	calls := len(w.emu.Calls(uploadMethod))
	tests := []struct {
		name, mime, file string
		data             []byte
		want             string
	}{
		{"gif", "image/gif", "a.gif", gifImage(t), "❌ the file is a GIF image"},
		{"tiny", "image/png", "a.png", pngImage(t, 100, 80), "❌ image is 100×80; a profile photo must be at least 160×160"},
		{"liar", "image/jpeg", "a.jpg", []byte("%PDF-1.7 not an image at all"), "❌ the file is not an image"},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob", Media: emulator.ImageFile(tt.data, tt.mime, tt.file)}))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: reply %q, want it to start with %q", tt.name, r.Message, tt.want)
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != calls {
		t.Errorf("refused images caused %d %s calls", n-calls, uploadMethod)
	}
}

func gifImage(t *testing.T) []byte {
	var b bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, 200, 200), color.Palette{color.Black, color.White})
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngImage(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestVideoChecks: a clip that breaks Telegram's rules is refused with the
// rule and its own values, from the attributes or, when there are none or
// they lie, from the MP4 header itself.
func TestVideoChecks(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wide := emulator.MP4(1920, 1080, 5, 1000)
	square := emulator.MP4(720, 720, 5, 1000)
	tests := []struct {
		name  string
		text  string
		media *emulator.Media
		want  string
	}{
		{"attributes", "/setphoto @alice", emulator.Video(wide, 1920, 1080, 5), "❌ video is 1920×1080; a profile video must be square, 160 to 1280 px a side"},
		{"too long", "/setphoto @alice", emulator.Video(emulator.MP4(640, 640, 12, 1000), 640, 640, 12), "❌ video is 12.0 s long; a profile video must be at most 10 s"},
		{"no attributes", "/setphoto @alice", emulator.ImageFile(wide, "video/mp4", "clip.mp4"), "❌ video is 1920×1080"},
		{"lying attributes", "/setphoto @alice", emulator.Video(wide, 720, 720, 5), "❌ video is 1920×1080"},
		{"frame past the end", "/setphoto @alice frame=7", emulator.Video(square, 720, 720, 5), "❌ frame=7 is past the end of the 5.0 s video"},
		{"not an MP4", "/setphoto @alice", emulator.ImageFile([]byte("definitely not a video file"), "video/mp4", "clip.mp4"), "❌ the video is not a valid MP4"},
	}
	calls := len(w.emu.Calls(uploadMethod))
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text, Media: tt.media}))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: reply %q, want it to start with %q", tt.name, r.Message, tt.want)
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != calls {
		t.Errorf("refused videos caused %d %s calls", n-calls, uploadMethod)
	}
	// Without attributes, a good clip is checked from its header and set.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice frame=1", Media: emulator.ImageFile(square, "video/mp4", "clip.mp4")})), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || pp.Kind != "video" || !bytes.Equal(pp.Data, square) {
		t.Fatal("the attribute-less video was not set byte for byte")
	}
}

// TestWhichOne: a custom emoji beside other media is never silently
// picked from; the user is asked which one.
func TestWhichOne(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	set := w.emu.AddStickerSet("which_pack")
	e1, e2 := w.emu.AddCustomEmoji(set, "🙂"), w.emu.AddCustomEmoji(set, "😎")
	emoji := func(text string, ids ...int64) []tg.MessageEntityClass {
		var out []tg.MessageEntityClass
		off := len(utf16.Encode([]rune(text)))
		for _, id := range ids {
			out = append(out, &tg.MessageEntityCustomEmoji{Offset: off, Length: 2, DocumentID: id})
			off += 3
		}
		return out
	}
	_, media := photo()
	photoMsg := w.post(t, emulator.Message{Text: "a photo", Media: media})
	tests := []struct {
		name string
		msg  emulator.Message
		want string
	}{
		{"emoji and attachment", emulator.Message{Text: "/setphoto @alice 🙂", Media: media, Entities: emoji("/setphoto @alice ", e1)},
			"❌ the command has a custom emoji and a photo attached; which one?"},
		{"emoji and reply", emulator.Message{Text: "/setphoto @alice 🙂", ReplyTo: photoMsg, Entities: emoji("/setphoto @alice ", e1)},
			"❌ the command has a custom emoji and a photo in the message you replied to; which one?"},
		{"two emoji", emulator.Message{Text: "/setphoto @alice 🙂 😎", Entities: emoji("/setphoto @alice ", e1, e2)},
			"❌ the command has 2 different custom emoji; which one?"},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, tt.msg))
		if !strings.HasPrefix(r.Message, tt.want) {
			t.Errorf("%s: reply %q, want it to start with %q", tt.name, r.Message, tt.want)
		}
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("ambiguous commands caused %d %s calls", n, uploadMethod)
	}
	// The command's own attachment wins over the replied-to message.
	own := emulator.JPEG(640, 640, 100)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(own), ReplyTo: photoMsg})), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, own) {
		t.Fatal("the command's own photo did not win over the replied-to one")
	}
}
