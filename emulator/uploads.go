package emulator

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// Telegram's upload limits (core.telegram.org/api/files, "Uploading
// files"): parts of at most 512 KiB, a file of at most 10 MB uploaded with
// upload.saveFilePart and a bigger one with upload.saveBigFilePart, at most
// 4000 parts (2000 MiB, the document limit without Premium).
const (
	partMax      = 512 * 1024
	smallFileMax = 10 * 1024 * 1024
	maxParts     = 4000
	// uploadsKept bounds memory: the oldest uploads are forgotten first.
	uploadsKept = 64
)

type uploadKey struct {
	owner int64
	id    int64
}

type upload struct {
	seq   int
	big   bool
	total int // for big files: the announced part count, -1 until a streamed upload ends
	parts map[int][]byte
}

func (c *call) storePart(id int64, part int, data []byte, big bool, total int) (bin.Encoder, error) {
	switch {
	// A streamed upload of unknown size sends file_total_parts -1 until its
	// last part, which carries the real count (core.telegram.org/api/files).
	case part < 0 || part >= maxParts || (big && (total == 0 || total < -1 || total > maxParts || (total > 0 && part >= total))):
		return nil, errFilePartInvalid
	case len(data) == 0:
		return nil, errFilePartEmpty
	case len(data) > partMax:
		return nil, errFilePartTooBig
	}
	defer c.lock()()
	w := c.e.world
	k := uploadKey{owner: c.userID, id: id}
	u := w.uploads[k]
	if u == nil {
		w.forgetOldUploads()
		u = &upload{seq: w.uploadSeq(), big: big, total: total, parts: map[int][]byte{}}
		w.uploads[k] = u
	}
	if u.big != big || (total > 0 && u.total > 0 && u.total != total) {
		return nil, errFilePartsInvalid
	}
	if total > 0 {
		u.total = total
	}
	u.parts[part] = append([]byte(nil), data...)
	return &tg.BoolTrue{}, nil
}

func (w *world) uploadSeq() int {
	n := 0
	for _, u := range w.uploads {
		n = max(n, u.seq)
	}
	return n + 1
}

func (w *world) forgetOldUploads() {
	for len(w.uploads) >= uploadsKept {
		var (
			oldest uploadKey
			seq    = -1
		)
		for k, u := range w.uploads {
			if seq < 0 || u.seq < seq {
				oldest, seq = k, u.seq
			}
		}
		delete(w.uploads, oldest)
	}
}

func (c *call) saveFilePart(req *tg.UploadSaveFilePartRequest) (bin.Encoder, error) {
	return c.storePart(req.FileID, req.FilePart, req.Bytes, false, 0)
}

func (c *call) saveBigFilePart(req *tg.UploadSaveBigFilePartRequest) (bin.Encoder, error) {
	return c.storePart(req.FileID, req.FilePart, req.Bytes, true, req.FileTotalParts)
}

// assemble joins an uploaded file's parts, with Telegram's checks: every part
// present, equal sizes that are a multiple of 1 KiB dividing 512 KiB, a last
// part no bigger, the right kind of upload for the size, and the MD5.
func (w *world) assemble(owner int64, in tg.InputFileClass) ([]byte, error) {
	var (
		id    int64
		parts int
		big   bool
		sum   string
	)
	switch f := in.(type) {
	case *tg.InputFile:
		id, parts, sum = f.ID, f.Parts, f.MD5Checksum
	case *tg.InputFileBig:
		id, parts, big = f.ID, f.Parts, true
	default:
		return nil, errFilePartsInvalid
	}
	u := w.uploads[uploadKey{owner: owner, id: id}]
	if u == nil || u.big != big || parts <= 0 || (big && parts != u.total) || len(u.parts) > parts {
		return nil, errFilePartsInvalid
	}
	size := len(u.parts[0])
	out := make([]byte, 0, size*parts)
	for i := range parts {
		p, ok := u.parts[i]
		switch {
		case !ok:
			return nil, tgerr.New(400, "FILE_PART_"+strconv.Itoa(i)+"_MISSING")
		case i < parts-1 && (len(p) != size || size%1024 != 0 || partMax%size != 0):
			return nil, errFilePartSize
		case i == parts-1 && len(p) > size:
			return nil, errFilePartSize
		}
		out = append(out, p...)
	}
	if !big && len(out) > smallFileMax {
		return nil, errFilePartsInvalid
	}
	if sum != "" {
		got := md5.Sum(out)
		if hex.EncodeToString(got[:]) != sum {
			return nil, errChecksumInvalid
		}
	}
	return out, nil
}

// SingleUseUploads makes every uploaded file good for one request: a second
// request with it gets FILE_PARTS_INVALID, as for any file the server does
// not have. For tests of clients that reuse an upload.
func (e *Emulator) SingleUseUploads(on bool) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.singleUse = on
}

// assembleOnce assembles an uploaded file for a request and, with
// SingleUseUploads, forgets its parts.
func (c *call) assembleOnce(in tg.InputFileClass) ([]byte, error) {
	data, err := c.e.world.assemble(c.userID, in)
	c.e.faults.mu.Lock()
	single := c.e.faults.singleUse
	c.e.faults.mu.Unlock()
	if err != nil || !single {
		return data, err
	}
	switch f := in.(type) {
	case *tg.InputFile:
		delete(c.e.world.uploads, uploadKey{owner: c.userID, id: f.ID})
	case *tg.InputFileBig:
		delete(c.e.world.uploads, uploadKey{owner: c.userID, id: f.ID})
	}
	return data, nil
}

// inputMedia turns the media of messages.sendMedia into a message's media.
func (c *call) inputMedia(in tg.InputMediaClass) (tg.MessageMediaClass, error) {
	w := c.e.world
	now := c.e.now()
	switch m := in.(type) {
	case *tg.InputMediaUploadedPhoto:
		data, err := w.assemble(c.userID, m.File)
		if err != nil {
			return nil, err
		}
		if !isImage(data) {
			return nil, errPhotoInvalid
		}
		return &tg.MessageMediaPhoto{Photo: w.newPhoto(now, c.dc, data).photo}, nil
	case *tg.InputMediaUploadedDocument:
		data, err := w.assemble(c.userID, m.File)
		if err != nil {
			return nil, err
		}
		return &tg.MessageMediaDocument{Document: w.newDocument(now, c.dc, data, m.MimeType, m.Attributes).doc}, nil
	case *tg.InputMediaPhoto:
		p, ok := m.ID.(*tg.InputPhoto)
		if !ok || w.files[p.ID] == nil || w.files[p.ID].photo == nil || w.files[p.ID].accessHash != p.AccessHash {
			return nil, errMediaInvalid
		}
		return &tg.MessageMediaPhoto{Photo: w.files[p.ID].photo}, nil
	case *tg.InputMediaDocument:
		d, ok := m.ID.(*tg.InputDocument)
		if !ok || w.files[d.ID] == nil || w.files[d.ID].doc == nil || w.files[d.ID].accessHash != d.AccessHash {
			return nil, errMediaInvalid
		}
		return &tg.MessageMediaDocument{Document: w.files[d.ID].doc}, nil
	default:
		return nil, errMediaInvalid
	}
}
