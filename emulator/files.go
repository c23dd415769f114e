package emulator

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	xdraw "golang.org/x/image/draw"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// file is a stored photo or document and the bytes of each of its sizes.
type file struct {
	// dc is where the file lives: where it was uploaded. Telegram serves
	// it there only and answers FILE_MIGRATE_X elsewhere (TDLib's
	// NetQueryDispatcher::try_fix_migrate resends the query to DC X).
	dc         int
	id         int64
	accessHash int64
	ref        []byte
	photo      *tg.Photo
	doc        *tg.Document
	sizes      map[string][]byte // photo size type, or "" for a document's content
	// owner is the user whose own profile photo this is, 0 for others.
	owner int64
	// deleted is set when its owner deleted the profile photo.
	deleted bool
}

// thumbJPEG and thumbMJPEG stand in for the small sizes Telegram generates
// from a photo, each of the size it declares; made on first use, not at
// every start of the persona binary.
var (
	thumbJPEG  = sync.OnceValue(func() []byte { return JPEG(90, 90, 0) })
	thumbMJPEG = sync.OnceValue(func() []byte { return JPEG(320, 320, 0) })
	thumbXJPEG = sync.OnceValue(func() []byte { return JPEG(800, 800, 0) })
)

func (w *world) newFile(dc int) *file {
	w.nextFileID += 1 + rand.Int64N(1000)
	return &file{dc: dc, id: w.nextFileID, accessHash: rand.Int64(), ref: randomBytes(16), sizes: map[string][]byte{}}
}

// newPhoto stores data on DC dc as a photo the way Telegram keeps one
// (core.telegram.org/api/files, "Image thumbnail types"; TDLib
// PhotoSize.cpp): a stripped "i" size, "s", "m" and "x" thumbnails as
// photoSize (each only when the original is larger), and the full picture
// as photoSizeProgressive: "y" up to 1280 px, and for a larger original
// "w" as well, with "y" then its 1280 px version. A progressive size lists
// the byte lengths of its scans; the last is the whole file.
func (w *world) newPhoto(now time.Time, dc int, data []byte) *file {
	f := w.newFile(dc)
	wd, ht := 1280, 1280
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		wd, ht = cfg.Width, cfg.Height
	}
	sizes := []tg.PhotoSizeClass{&tg.PhotoStrippedSize{Type: "i", Bytes: []byte{1, 8, 8}}}
	for _, t := range []struct {
		typ  string
		side int
		img  []byte
	}{{"s", 90, thumbJPEG()}, {"m", 320, thumbMJPEG()}, {"x", 800, thumbXJPEG()}} {
		if max(wd, ht) > t.side {
			f.sizes[t.typ] = t.img
			sizes = append(sizes, &tg.PhotoSize{Type: t.typ, W: t.side, H: t.side, Size: len(t.img)})
		}
	}
	if max(wd, ht) <= 1280 {
		f.sizes["y"] = data
		sizes = append(sizes, progressive("y", wd, ht, data))
	} else {
		y, yw, yh := scaledJPEG(data, 1280)
		f.sizes["y"], f.sizes["w"] = y, data
		sizes = append(sizes, progressive("y", yw, yh, y), progressive("w", wd, ht, data))
	}
	f.photo = &tg.Photo{
		ID: f.id, AccessHash: f.accessHash, FileReference: f.ref, Date: int(now.Unix()), DCID: dc, Sizes: sizes,
	}
	w.files[f.id] = f
	return f
}

// progressive is a photoSizeProgressive of data, with scans ending at a
// fifth, half and three quarters of it, then at its end.
func progressive(typ string, w, h int, data []byte) *tg.PhotoSizeProgressive {
	n := len(data)
	return &tg.PhotoSizeProgressive{Type: typ, W: w, H: h, Sizes: []int{n / 5, n / 2, n * 3 / 4, n}}
}

// scaledJPEG is data scaled down to side px on its longer side, as a JPEG,
// with its size; data itself when it does not decode.
func scaledJPEG(data []byte, side int) ([]byte, int, int) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return data, side, side
	}
	b := src.Bounds()
	w, h := side, b.Dy()*side/b.Dx()
	if b.Dy() > b.Dx() {
		w, h = b.Dx()*side/b.Dy(), side
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 87}); err != nil {
		return data, side, side
	}
	return out.Bytes(), w, h
}

func (w *world) newDocument(now time.Time, dc int, data []byte, mime string, attrs []tg.DocumentAttributeClass) *file {
	f := w.newFile(dc)
	f.sizes[""] = data
	f.doc = &tg.Document{
		ID: f.id, AccessHash: f.accessHash, FileReference: f.ref, Date: int(now.Unix()),
		MimeType: mime, Size: int64(len(data)), DCID: dc, Attributes: attrs,
	}
	if hasServerThumb(mime) {
		f.sizes["m"] = thumbMJPEG()
		f.doc.Thumbs = []tg.PhotoSizeClass{&tg.PhotoSize{Type: "m", W: 320, H: 320, Size: len(thumbMJPEG())}}
	}
	f.doc.SetFlags()
	w.files[f.id] = f
	return f
}

// hasServerThumb reports whether Telegram makes a document's thumbnail
// itself: for pictures, videos and stickers. Any other file (a text, a
// vCard) has only the thumb its sender uploaded with it
// (core.telegram.org/constructor/inputMediaUploadedDocument, thumb), which
// the emulator does not keep, so it has none.
func hasServerThumb(mime string) bool {
	return strings.HasPrefix(mime, "image/") || strings.HasPrefix(mime, "video/") || mime == "application/x-tgsticker"
}

// ExpireFileReferences rotates every file reference: downloads with the old
// ones get FILE_REFERENCE_EXPIRED until the client fetches the message again.
func (e *Emulator) ExpireFileReferences() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range e.world.files {
		f.ref = randomBytes(16)
	}
}

// refreshRefs returns m with the current file reference of its media.
func (w *world) refreshRefs(m tg.MessageClass) tg.MessageClass {
	msg, ok := m.(*tg.Message)
	if !ok {
		return m
	}
	if msg = w.refreshReplyMedia(msg); msg.Media == nil {
		return msg
	}
	out := *msg
	switch media := msg.Media.(type) {
	case *tg.MessageMediaPhoto:
		if p, ok := media.Photo.(*tg.Photo); ok && w.files[p.ID] != nil {
			cp, mm := *p, *media
			cp.FileReference = w.files[p.ID].ref
			mm.Photo = &cp
			out.Media = &mm
		}
	case *tg.MessageMediaDocument:
		if d, ok := media.Document.(*tg.Document); ok && w.files[d.ID] != nil {
			cp, mm := *d, *media
			cp.FileReference = w.files[d.ID].ref
			mm.Document = &cp
			out.Media = &mm
		}
	}
	return &out
}

func (e *Emulator) registerFiles(m map[uint32]method) {
	register(m, false, (*call).getFile)
	register(m, false, (*call).saveFilePart)
	register(m, false, (*call).saveBigFilePart)
}

// locate finds the bytes a file location names for viewer's call on DC
// dc, checking the access hash, the DC and the file reference.
func (w *world) locate(viewer int64, dc int, loc tg.InputFileLocationClass) ([]byte, tg.StorageFileTypeClass, error) {
	var (
		id, hash int64
		ref      []byte
		size     string
	)
	switch l := loc.(type) {
	case *tg.InputPhotoFileLocation:
		id, hash, ref, size = l.ID, l.AccessHash, l.FileReference, l.ThumbSize
	case *tg.InputDocumentFileLocation:
		id, hash, ref, size = l.ID, l.AccessHash, l.FileReference, l.ThumbSize
	default:
		return nil, nil, errLocationInvalid
	}
	f := w.files[id]
	if f == nil || f.accessHash != hash {
		return nil, nil, errLocationInvalid
	}
	if f.dc != dc {
		return nil, nil, fileMigrate(f.dc)
	}
	if !bytes.Equal(f.ref, ref) || !w.ownPhotoServed(viewer, f) {
		return nil, nil, errFileRefExpired
	}
	data, ok := f.sizes[size]
	if !ok {
		return nil, nil, errLocationInvalid
	}
	return data, storageType(f, size), nil
}

// ownPhotoServed reports whether a profile photo's file may go to viewer:
// not once its owner deleted it, nor to one their privacy hides it from.
// Telegram ties a file reference to where the client got the file
// (core.telegram.org/api/file_reference) and answers FILE_REFERENCE_EXPIRED
// for one it no longer honours; the client's repair asks
// photos.getUserPhotos for the photo again (TDLib FileReferenceManager,
// FileSourceUserPhoto → UserManager::reload_user_profile_photo), which no
// longer lists it, so the download fails for good.
func (w *world) ownPhotoServed(viewer int64, f *file) bool {
	if f.owner == 0 {
		return true
	}
	u := w.users[f.owner]
	return !f.deleted && u != nil && u.ownPhotoVisible(viewer)
}

func storageType(f *file, size string) tg.StorageFileTypeClass {
	if f.photo != nil || size != "" {
		return &tg.StorageFileJpeg{}
	}
	switch f.doc.MimeType {
	case "video/mp4":
		return &tg.StorageFileMp4{}
	case "image/png":
		return &tg.StorageFilePng{}
	case "image/jpeg":
		return &tg.StorageFileJpeg{}
	case "image/webp":
		return &tg.StorageFileWebp{}
	}
	return &tg.StorageFilePartial{}
}

// getFile serves one part with Telegram's rules: offset and limit multiples
// of 4 KiB, limit dividing 1 MiB, and no part crossing a 1 MiB boundary.
func (c *call) getFile(req *tg.UploadGetFileRequest) (bin.Encoder, error) {
	const kib, mib = 1024, 1024 * 1024
	switch {
	case req.Limit <= 0 || req.Limit%(4*kib) != 0 || mib%req.Limit != 0:
		return nil, errLimitInvalid
	case req.Offset < 0 || req.Offset%(4*kib) != 0 || req.Offset/mib != (req.Offset+int64(req.Limit)-1)/mib:
		return nil, errOffsetInvalid
	}
	c.e.mu.Lock()
	data, typ, err := c.e.world.locate(c.userID, c.dc, req.Location)
	c.e.mu.Unlock()
	if err != nil {
		return nil, err
	}
	var part []byte
	if req.Offset < int64(len(data)) {
		part = data[req.Offset:min(int64(len(data)), req.Offset+int64(req.Limit))]
	}
	return &tg.UploadFile{Type: typ, Mtime: int(c.e.now().Unix()), Bytes: part}, nil
}
