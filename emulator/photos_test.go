package emulator_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// upload stores data with gotd's uploader.
func upload(t *testing.T, ctx context.Context, c *client, name string, data []byte) tg.InputFileClass {
	t.Helper()
	f, err := uploader.NewUploader(c.api).FromBytes(ctx, name, data)
	if err != nil {
		t.Fatalf("upload %s: %v", name, err)
	}
	return f
}

func inputUser(u emulator.User) *tg.InputUser {
	return &tg.InputUser{UserID: u.ID, AccessHash: u.AccessHash}
}

// TestContactPhotos covers photos.uploadContactProfilePhoto beyond the
// acceptance flow: its errors and the animated kinds.
func TestContactPhotos(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	alice := e.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice"})
	e.AddContact(a.ID, alice.ID)
	t.Run("errors", func(t *testing.T) { testContactPhotoErrors(t, ctx, e, a, c, alice) })
	t.Run("animated", func(t *testing.T) { testAnimatedContactPhotos(t, ctx, e, a, c, alice) })
}

func testContactPhotoErrors(t *testing.T, ctx context.Context, e *emulator.Emulator, a account, c *client, alice emulator.User) {
	stranger := e.AddUser(emulator.UserSpec{FirstName: "Zed"})
	jpeg := upload(t, ctx, c, "a.jpg", emulator.JPEG(100, 100, 0))
	text := upload(t, ctx, c, "a.txt", []byte("plain text, not a picture"))
	mp4 := upload(t, ctx, c, "a.mp4", emulator.MP4(800, 800, 2, 4096))
	wide := upload(t, ctx, c, "wide.mp4", emulator.MP4(800, 600, 2, 4096))
	huge := upload(t, ctx, c, "huge.mp4", emulator.MP4(1282, 1282, 2, 4096))
	long := upload(t, ctx, c, "long.mp4", emulator.MP4(800, 800, 10.5, 4096))
	set := e.AddStickerSet("emoji")
	emoji := e.AddCustomEmoji(set, "🙂")

	for _, tt := range []struct {
		name string
		req  tg.PhotosUploadContactProfilePhotoRequest
		want string
	}{
		{"not a contact", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(stranger), File: jpeg, Save: true}, "CONTACT_MISSING"},
		{"unknown user", tg.PhotosUploadContactProfilePhotoRequest{UserID: &tg.InputUser{UserID: 777}, File: jpeg, Save: true}, "USER_ID_INVALID"},
		{"wrong access hash", tg.PhotosUploadContactProfilePhotoRequest{UserID: &tg.InputUser{UserID: alice.ID, AccessHash: alice.AccessHash ^ 1}, File: jpeg, Save: true}, "PEER_ID_INVALID"},
		{"oneself", tg.PhotosUploadContactProfilePhotoRequest{UserID: &tg.InputUserSelf{}, File: jpeg, Save: true}, "USER_ID_INVALID"},
		{"photo not JPEG or PNG", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), File: text, Save: true}, "PHOTO_INVALID"},
		{"video not MP4", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: text, Save: true}, "VIDEO_FILE_INVALID"},
		{"video not square", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: wide, Save: true}, "VIDEO_FILE_INVALID"},
		{"video over 1280×1280", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: huge, Save: true}, "VIDEO_FILE_INVALID"},
		{"video over 10 s", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: long, Save: true}, "VIDEO_FILE_INVALID"},
		{"start after the video", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: mp4, VideoStartTs: 5, Save: true}, "VIDEO_FILE_INVALID"},
		{"start beyond 10 s", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Video: mp4, VideoStartTs: 11, Save: true}, "VIDEO_START_TS_INVALID"},
		{"start with a photo", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), File: jpeg, VideoStartTs: 1, Save: true}, "VIDEO_START_TS_INVALID"},
		{"photo and video", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), File: jpeg, Video: mp4, Save: true}, "MEDIA_INVALID"},
		{"nothing", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice)}, "PHOTO_FILE_MISSING"},
		{"suggest nothing", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Suggest: true}, "PHOTO_FILE_MISSING"},
		{"unknown custom emoji", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Save: true,
			VideoEmojiMarkup: &tg.VideoSizeEmojiMarkup{EmojiID: emoji + 1, BackgroundColors: []int{0xffffff}}}, "EMOJI_MARKUP_INVALID"},
		{"no background colour", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Save: true,
			VideoEmojiMarkup: &tg.VideoSizeEmojiMarkup{EmojiID: emoji, BackgroundColors: []int{}}}, "EMOJI_MARKUP_INVALID"},
		{"five background colours", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Save: true,
			VideoEmojiMarkup: &tg.VideoSizeEmojiMarkup{EmojiID: emoji, BackgroundColors: []int{1, 2, 3, 4, 5}}}, "EMOJI_MARKUP_INVALID"},
		{"unknown sticker set", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Save: true,
			VideoEmojiMarkup: &tg.VideoSizeStickerMarkup{Stickerset: &tg.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash ^ 1}, StickerID: emoji, BackgroundColors: []int{1}}}, "STICKERSET_INVALID"},
		{"sticker not in the set", tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(alice), Save: true,
			VideoEmojiMarkup: &tg.VideoSizeStickerMarkup{Stickerset: &tg.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash}, StickerID: 1, BackgroundColors: []int{1}}}, "EMOJI_MARKUP_INVALID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			if _, err := c.api.PhotosUploadContactProfilePhoto(ctx, &req); !tgerr.Is(err, tt.want) {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
	if _, ok := e.PersonalPhoto(a.ID, alice.ID); ok {
		t.Error("a failed request set a personal photo")
	}
	if _, ok := e.PersonalPhoto(a.ID, stranger.ID); ok {
		t.Error("a personal photo was set for a non-contact")
	}
}

func testAnimatedContactPhotos(t *testing.T, ctx context.Context, e *emulator.Emulator, a account, c *client, alice emulator.User) {
	set := e.AddStickerSet("faces")
	emoji := e.AddCustomEmoji(set, "😀")
	stickerMsg, err := e.Post(a.ID, emulator.Message{Media: emulator.Sticker([]byte("RIFF webp"), set, "🙂", "image/webp")})
	if err != nil {
		t.Fatal(err)
	}
	sticker := fetch(t, ctx, c, stickerMsg).Media.(*tg.MessageMediaDocument).Document.(*tg.Document)
	video := emulator.MP4(800, 800, 3, 64*1024)
	setPhoto := func(t *testing.T, req *tg.PhotosUploadContactProfilePhotoRequest) *tg.Photo {
		t.Helper()
		req.UserID, req.Save = inputUser(alice), true
		res, err := c.api.PhotosUploadContactProfilePhoto(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res.Photo.(*tg.Photo)
	}

	t.Run("video with start", func(t *testing.T) {
		p := setPhoto(t, &tg.PhotosUploadContactProfilePhotoRequest{Video: upload(t, ctx, c, "v.mp4", video), VideoStartTs: 1.5})
		pp, ok := e.PersonalPhoto(a.ID, alice.ID)
		if !ok || pp.Kind != "video" || !bytes.Equal(pp.Data, video) || !pp.HasStartTS || pp.StartTS != 1.5 || pp.Photo.ID != p.ID {
			t.Fatalf("personal photo = %s, %d bytes, start %v %v", pp.Kind, len(pp.Data), pp.HasStartTS, pp.StartTS)
		}
		v, ok := p.VideoSizes[0].(*tg.VideoSize)
		if !ok || v.VideoStartTs != 1.5 {
			t.Fatalf("video sizes = %v, want one starting at 1.5", p.VideoSizes)
		}
		data, _, err := download(ctx, c.api, photoLocation(p, v.Type))
		if err != nil || !bytes.Equal(data, video) {
			t.Fatalf("the video size differs from the upload (%v)", err)
		}
		users, err := c.api.UsersGetUsers(ctx, []tg.InputUserClass{inputUser(alice)})
		if err != nil {
			t.Fatal(err)
		}
		photo, ok := users[0].(*tg.User).Photo.(*tg.UserProfilePhoto)
		if !ok || !photo.Personal || !photo.HasVideo || photo.PhotoID != p.ID {
			t.Errorf("alice's photo as seen = %+v, want the personal video", users[0].(*tg.User).Photo)
		}
	})

	t.Run("video at the limits", func(t *testing.T) {
		video := emulator.MP4(1080, 1080, 10, 4096)
		setPhoto(t, &tg.PhotosUploadContactProfilePhotoRequest{Video: upload(t, ctx, c, "max.mp4", video), VideoStartTs: 10})
		if pp, _ := e.PersonalPhoto(a.ID, alice.ID); pp.Kind != "video" || !bytes.Equal(pp.Data, video) || pp.StartTS != 10 {
			t.Fatalf("personal photo = %s, %d bytes, start %v", pp.Kind, len(pp.Data), pp.StartTS)
		}
	})

	t.Run("emoji markup", func(t *testing.T) {
		markup := &tg.VideoSizeEmojiMarkup{EmojiID: emoji, BackgroundColors: []int{0xff0000, 0x00ff00}}
		p := setPhoto(t, &tg.PhotosUploadContactProfilePhotoRequest{VideoEmojiMarkup: markup})
		pp, _ := e.PersonalPhoto(a.ID, alice.ID)
		got, ok := pp.Markup.(*tg.VideoSizeEmojiMarkup)
		if pp.Kind != "emoji" || !ok || got.EmojiID != emoji || len(got.BackgroundColors) != 2 || pp.Data != nil {
			t.Fatalf("personal photo = %s %+v", pp.Kind, pp.Markup)
		}
		if m, ok := p.VideoSizes[0].(*tg.VideoSizeEmojiMarkup); !ok || m.EmojiID != emoji {
			t.Errorf("photo video sizes = %v, want the emoji markup", p.VideoSizes)
		}
	})

	t.Run("sticker markup", func(t *testing.T) {
		markup := &tg.VideoSizeStickerMarkup{Stickerset: &tg.InputStickerSetID{ID: set.ID, AccessHash: set.AccessHash}, StickerID: sticker.ID, BackgroundColors: []int{0x0000ff}}
		setPhoto(t, &tg.PhotosUploadContactProfilePhotoRequest{VideoEmojiMarkup: markup})
		pp, _ := e.PersonalPhoto(a.ID, alice.ID)
		if got, ok := pp.Markup.(*tg.VideoSizeStickerMarkup); pp.Kind != "sticker" || !ok || got.StickerID != sticker.ID {
			t.Fatalf("personal photo = %s %+v", pp.Kind, pp.Markup)
		}
	})

	t.Run("png photo", func(t *testing.T) {
		png := pngImage(t, 50, 50)
		setPhoto(t, &tg.PhotosUploadContactProfilePhotoRequest{File: upload(t, ctx, c, "p.png", png)})
		if pp, _ := e.PersonalPhoto(a.ID, alice.ID); pp.Kind != "photo" || !bytes.Equal(pp.Data, png) {
			t.Fatalf("personal photo = %s, %d bytes", pp.Kind, len(pp.Data))
		}
	})
}

func pngImage(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
