package emulator_test

import (
	"bytes"
	"context"
	"image"
	"testing"

	"github.com/gotd/td/telegram/downloader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// download fetches a whole file with gotd's downloader.
func download(ctx context.Context, api *tg.Client, loc tg.InputFileLocationClass) ([]byte, tg.StorageFileTypeClass, error) {
	var buf bytes.Buffer
	typ, err := downloader.NewDownloader().Download(api, loc).Stream(ctx, &buf)
	return buf.Bytes(), typ, err
}

// photoLocation names one size of a photo.
func photoLocation(p *tg.Photo, size string) *tg.InputPhotoFileLocation {
	return &tg.InputPhotoFileLocation{ID: p.ID, AccessHash: p.AccessHash, FileReference: p.FileReference, ThumbSize: size}
}

func docLocation(d *tg.Document, thumb string) *tg.InputDocumentFileLocation {
	return &tg.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash, FileReference: d.FileReference, ThumbSize: thumb}
}

// fetch reads one message of the account as a client sees it.
func fetch(t *testing.T, ctx context.Context, c *client, id int) *tg.Message {
	t.Helper()
	res, err := c.api.MessagesGetMessages(ctx, []tg.InputMessageClass{&tg.InputMessageID{ID: id}})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := res.(*tg.MessagesMessages).Messages[0].(*tg.Message)
	if !ok {
		t.Fatalf("message %d: %T", id, res.(*tg.MessagesMessages).Messages[0])
	}
	return m
}

// TestFiles downloads posted media and uploads files with one client.
func TestFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t, start(t, emulator.Options{DC: 4})) // files live in the DC the server announces
	t.Run("downloads", func(t *testing.T) { testDownloads(t, f) })
	t.Run("uploads", func(t *testing.T) { testUploads(t, f.ctx, f.e, f.a, f.c) })
	t.Run("upload errors", func(t *testing.T) { testUploadErrors(t, f.ctx, f.c) })
}

// posted is the fixture of the download subtests, with the media posted to
// Saved Messages: a photo of two 512 KiB parts and a video of three.
type posted struct {
	fixture
	jpeg, mp4        []byte
	photoID, videoID int
}

func testDownloads(t *testing.T, f fixture) {
	m := posted{fixture: f, jpeg: emulator.JPEG(640, 480, 600*1024), mp4: emulator.MP4(320, 320, 2, 1100*1024)}
	var err error
	if m.photoID, err = f.e.Post(f.a.ID, emulator.Message{Media: emulator.Photo(m.jpeg)}); err != nil {
		t.Fatal(err)
	}
	if m.videoID, err = f.e.Post(f.a.ID, emulator.Message{Media: emulator.Video(m.mp4, 320, 320, 2)}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		check func(*testing.T, posted)
	}{
		{"each size of a photo downloads as the JPEG it declares, the largest as posted", checkPhotoSizes},
		{"a document downloads as posted, and its thumb as declared", checkDocument},
		{"an image, a round video and a GIF are documents with their attributes", checkMediaKinds},
		{"getFile refuses the limits and offsets Telegram refuses and ends at the file's end", checkGetFileRules},
		{"an expired file reference is refused, and fetching the message again renews it", checkExpiredReference},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, m) })
	}
}

func checkPhotoSizes(t *testing.T, f posted) {
	p := fetch(t, f.ctx, f.c, f.photoID).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	if p.DCID != f.e.DC() {
		t.Errorf("photo in DC %d, want %d", p.DCID, f.e.DC())
	}
	for _, s := range p.Sizes {
		size, ok := s.(*tg.PhotoSize)
		if !ok {
			continue // the stripped preview is inline
		}
		data, typ, err := download(f.ctx, f.c.api, photoLocation(p, size.Type))
		if err != nil {
			t.Fatalf("size %s: %v", size.Type, err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "jpeg" || cfg.Width != size.W || cfg.Height != size.H || len(data) != size.Size {
			t.Errorf("size %s: %s %dx%d %d bytes (%v), declared %dx%d %d bytes",
				size.Type, format, cfg.Width, cfg.Height, len(data), err, size.W, size.H, size.Size)
		}
		if _, ok := typ.(*tg.StorageFileJpeg); !ok {
			t.Errorf("size %s: type %T, want jpeg", size.Type, typ)
		}
	}
	largest, ok := p.Sizes[len(p.Sizes)-1].(*tg.PhotoSizeProgressive)
	if !ok || largest.Sizes[len(largest.Sizes)-1] != len(f.jpeg) {
		t.Fatalf("largest size %+v, want the whole photo as photoSizeProgressive", p.Sizes[len(p.Sizes)-1])
	}
	data, _, err := download(f.ctx, f.c.api, photoLocation(p, largest.Type))
	if err != nil || !bytes.Equal(data, f.jpeg) {
		t.Fatalf("largest size differs from the posted photo (%v)", err)
	}
	if _, _, err := download(f.ctx, f.c.api, photoLocation(p, "a")); !tgerr.Is(err, "LOCATION_INVALID") {
		t.Errorf("missing size: err = %v, want LOCATION_INVALID", err)
	}
}

func checkDocument(t *testing.T, f posted) {
	d := fetch(t, f.ctx, f.c, f.videoID).Media.(*tg.MessageMediaDocument).Document.(*tg.Document)
	if d.DCID != f.e.DC() {
		t.Errorf("document in DC %d, want %d", d.DCID, f.e.DC())
	}
	data, typ, err := download(f.ctx, f.c.api, docLocation(d, ""))
	if err != nil || !bytes.Equal(data, f.mp4) {
		t.Fatalf("document differs from the posted video (%v)", err)
	}
	if _, ok := typ.(*tg.StorageFileMp4); !ok {
		t.Errorf("type %T, want mp4", typ)
	}
	thumb := d.Thumbs[0].(*tg.PhotoSize)
	data, _, err = download(f.ctx, f.c.api, docLocation(d, thumb.Type))
	if err != nil {
		t.Fatal(err)
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != thumb.W || cfg.Height != thumb.H {
		t.Errorf("thumb %dx%d (%v), declared %dx%d", cfg.Width, cfg.Height, err, thumb.W, thumb.H)
	}
}

func checkMediaKinds(t *testing.T, f posted) {
	png := pngImage(t, 30, 20)
	mp4 := emulator.MP4(240, 240, 1, 100)
	for _, tt := range []struct {
		media        *emulator.Media
		mime         string
		data         []byte
		video, round bool
		check        func(tg.DocumentAttributeClass) bool
	}{
		{emulator.ImageFile(png, "image/png", "p.png"), "image/png", png, false, false, func(a tg.DocumentAttributeClass) bool {
			s, ok := a.(*tg.DocumentAttributeImageSize)
			return ok && s.W == 30 && s.H == 20
		}},
		{emulator.RoundVideo(mp4, 240, 1), "video/mp4", mp4, true, true, func(a tg.DocumentAttributeClass) bool {
			v, ok := a.(*tg.DocumentAttributeVideo)
			return ok && v.RoundMessage && v.W == 240
		}},
		{emulator.GIF(mp4, 240, 240, 1), "video/mp4", mp4, true, false, func(a tg.DocumentAttributeClass) bool {
			_, ok := a.(*tg.DocumentAttributeAnimated)
			return ok
		}},
	} {
		id, err := f.e.Post(f.a.ID, emulator.Message{Media: tt.media})
		if err != nil {
			t.Fatal(err)
		}
		m := fetch(t, f.ctx, f.c, id).Media.(*tg.MessageMediaDocument)
		d := m.Document.(*tg.Document)
		found := false
		for _, attr := range d.Attributes {
			found = found || tt.check(attr)
		}
		if d.MimeType != tt.mime || m.Video != tt.video || m.Round != tt.round || !found {
			t.Errorf("%s: video %v round %v attributes %v", d.MimeType, m.Video, m.Round, d.Attributes)
		}
		if data, _, err := download(f.ctx, f.c.api, docLocation(d, "")); err != nil || !bytes.Equal(data, tt.data) {
			t.Errorf("%s: content differs (%v)", d.MimeType, err)
		}
	}
}

func checkGetFileRules(t *testing.T, f posted) {
	d := fetch(t, f.ctx, f.c, f.videoID).Media.(*tg.MessageMediaDocument).Document.(*tg.Document)
	for _, tt := range []struct {
		loc           tg.InputFileLocationClass
		offset, limit int
		want          string
		size          int
	}{
		{docLocation(d, ""), 0, 1000, "LIMIT_INVALID", 0},
		{docLocation(d, ""), 0, 3 * 4096, "LIMIT_INVALID", 0},
		{docLocation(d, ""), 1024, 4096, "OFFSET_INVALID", 0},
		{docLocation(d, ""), 512 * 1024, 1024 * 1024, "OFFSET_INVALID", 0},
		{&tg.InputDocumentFileLocation{ID: d.ID, AccessHash: d.AccessHash + 1, FileReference: d.FileReference}, 0, 4096, "LOCATION_INVALID", 0},
		{&tg.InputFileLocation{VolumeID: 1, LocalID: 1}, 0, 4096, "LOCATION_INVALID", 0},
		{docLocation(d, ""), 1024 * 1024, 1024 * 1024, "", len(f.mp4) - 1024*1024},
		{docLocation(d, ""), 4 * 1024 * 1024, 4096, "", 0},
	} {
		res, err := f.c.api.UploadGetFile(f.ctx, &tg.UploadGetFileRequest{Location: tt.loc, Offset: int64(tt.offset), Limit: tt.limit})
		switch {
		case tt.want != "" && !tgerr.Is(err, tt.want):
			t.Errorf("getFile(%d, %d): err = %v, want %s", tt.offset, tt.limit, err, tt.want)
		case tt.want == "" && err != nil:
			t.Errorf("getFile(%d, %d): %v", tt.offset, tt.limit, err)
		case tt.want == "" && len(res.(*tg.UploadFile).Bytes) != tt.size:
			t.Errorf("getFile(%d, %d): %d bytes, want %d", tt.offset, tt.limit, len(res.(*tg.UploadFile).Bytes), tt.size)
		}
	}
}

func checkExpiredReference(t *testing.T, f posted) {
	old := fetch(t, f.ctx, f.c, f.photoID).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	f.e.ExpireFileReferences()
	if _, _, err := download(f.ctx, f.c.api, photoLocation(old, "y")); !tgerr.Is(err, "FILE_REFERENCE_EXPIRED") {
		t.Fatalf("old reference: err = %v, want FILE_REFERENCE_EXPIRED", err)
	}
	fresh := fetch(t, f.ctx, f.c, f.photoID).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	if bytes.Equal(fresh.FileReference, old.FileReference) {
		t.Fatal("messages.getMessages returned the expired reference")
	}
	if data, _, err := download(f.ctx, f.c.api, photoLocation(fresh, "y")); err != nil || !bytes.Equal(data, f.jpeg) {
		t.Fatalf("fresh reference: %v", err)
	}
	res, err := f.c.api.MessagesGetHistory(f.ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.(*tg.MessagesMessagesSlice).Messages {
		if m.GetID() == f.photoID {
			p := m.(*tg.Message).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
			if !bytes.Equal(p.FileReference, fresh.FileReference) {
				t.Error("messages.getHistory returned a stale reference")
			}
		}
	}
}
