package emulator_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

func randomData(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func randomID() int64 { return int64(binary.LittleEndian.Uint64(randomData(8))) }

// sendDocument sends an uploaded file as a document to Saved Messages.
func sendDocument(ctx context.Context, c *client, in tg.InputFileClass) (*tg.Document, error) {
	res, err := c.api.MessagesSendMedia(ctx, &tg.MessagesSendMediaRequest{
		Peer:     &tg.InputPeerSelf{},
		Media:    &tg.InputMediaUploadedDocument{File: in, MimeType: "application/octet-stream", Attributes: []tg.DocumentAttributeClass{}},
		RandomID: randomID(),
	})
	if err != nil {
		return nil, err
	}
	for _, u := range res.(*tg.Updates).Updates {
		if u, ok := u.(*tg.UpdateNewMessage); ok {
			return u.Message.(*tg.Message).Media.(*tg.MessageMediaDocument).Document.(*tg.Document), nil
		}
	}
	return nil, errors.New("sendMedia answered no new message")
}

// roundTrip sends in as a document and downloads it back.
func roundTrip(t *testing.T, ctx context.Context, c *client, in tg.InputFileClass) []byte {
	t.Helper()
	doc, err := sendDocument(ctx, c, in)
	if err != nil {
		t.Fatalf("sendMedia: %v", err)
	}
	data, _, err := download(ctx, c.api, docLocation(doc, ""))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	return data
}

func testUploads(t *testing.T, ctx context.Context, e *emulator.Emulator, a account, c *client) {
	for _, tt := range []struct {
		name     string
		size     int
		partSize int // 0: the uploader's choice
		parts    int
	}{
		{name: "short last part", size: 300*1024 + 123, partSize: 128 * 1024, parts: 3},
		{name: "many 1 KiB parts", size: 300*1024 + 5, partSize: 1024, parts: 301},
		{name: "one part", size: 10, parts: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := randomData(tt.size)
			u := uploader.NewUploader(c.api)
			if tt.partSize > 0 {
				u = u.WithPartSize(tt.partSize)
			}
			before := len(e.Calls("upload.saveFilePart"))
			in, err := u.FromBytes(ctx, "f.bin", data)
			if err != nil {
				t.Fatalf("upload: %v", err)
			}
			if n := len(e.Calls("upload.saveFilePart")) - before; n != tt.parts {
				t.Errorf("%d parts saved, want %d", n, tt.parts)
			}
			if got := roundTrip(t, ctx, c, in); !bytes.Equal(got, data) {
				t.Fatalf("downloaded %d bytes differ from the %d uploaded", len(got), len(data))
			}
		})
	}

	// Above 10 MiB gotd uses saveBigFilePart; the emulator receives the
	// file whole, here as a document sent to Saved Messages (a profile
	// video is at most 2 MB, a photo never a big file).
	t.Run("big, above 10 MiB", func(t *testing.T) {
		video := emulator.MP4(800, 800, 5, 12*1024*1024)
		before := len(e.Calls("upload.saveFilePart"))
		in, err := uploader.NewUploader(c.api).FromBytes(ctx, "big.mp4", video)
		if err != nil {
			t.Fatalf("upload: %v", err)
		}
		if _, ok := in.(*tg.InputFileBig); !ok || len(e.Calls("upload.saveBigFilePart")) == 0 || len(e.Calls("upload.saveFilePart")) != before {
			t.Fatalf("uploaded as %T, want saveBigFilePart only", in)
		}
		if got := roundTrip(t, ctx, c, in); !bytes.Equal(got, video) {
			t.Fatalf("the emulator got %d bytes, want the %d uploaded", len(got), len(video))
		}
	})

	// A streamed upload of unknown size sends file_total_parts -1 until its
	// last part. (gotd's uploader.FromReader does, but races on that count,
	// so the parts are sent here by hand.)
	t.Run("streamed, size unknown", func(t *testing.T) {
		const part = 128 * 1024
		data := randomData(5*part + 1000)
		in := &tg.InputFileBig{ID: randomID(), Parts: 6, Name: "stream.bin"}
		for i := 0; i*part < len(data); i++ {
			total := -1
			if (i+1)*part >= len(data) {
				total = i + 1
			}
			p := data[i*part : min(len(data), (i+1)*part)]
			if _, err := c.api.UploadSaveBigFilePart(ctx, &tg.UploadSaveBigFilePartRequest{FileID: in.ID, FilePart: i, FileTotalParts: total, Bytes: p}); err != nil {
				t.Fatalf("part %d: %v", i, err)
			}
		}
		if got := roundTrip(t, ctx, c, in); !bytes.Equal(got, data) {
			t.Fatalf("downloaded %d bytes differ from the %d uploaded", len(got), len(data))
		}
		// Never told its size, the upload cannot be used.
		unended := &tg.InputFileBig{ID: randomID(), Parts: 1, Name: "stream.bin"}
		if _, err := c.api.UploadSaveBigFilePart(ctx, &tg.UploadSaveBigFilePartRequest{FileID: unended.ID, FileTotalParts: -1, Bytes: data[:part]}); err != nil {
			t.Fatal(err)
		}
		if _, err := sendDocument(ctx, c, unended); !tgerr.Is(err, "FILE_PARTS_INVALID") {
			t.Fatalf("unended stream: err = %v, want FILE_PARTS_INVALID", err)
		}
	})
}

// saveParts stores parts of one small upload and returns its input file.
func saveParts(t *testing.T, ctx context.Context, c *client, parts map[int][]byte, total int) *tg.InputFile {
	t.Helper()
	id := randomID()
	var all []byte
	for i := range total {
		p, ok := parts[i]
		if !ok {
			continue
		}
		all = append(all, p...)
		if _, err := c.api.UploadSaveFilePart(ctx, &tg.UploadSaveFilePartRequest{FileID: id, FilePart: i, Bytes: p}); err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
	}
	sum := md5.Sum(all)
	return &tg.InputFile{ID: id, Parts: total, Name: "f.bin", MD5Checksum: hex.EncodeToString(sum[:])}
}

func testUploadErrors(t *testing.T, ctx context.Context, c *client) {
	k := func(n int) []byte { return randomData(n * 1024) }

	for _, tt := range []struct {
		name  string
		parts map[int][]byte
		total int
		edit  func(*tg.InputFile)
		want  string
		arg   int
	}{
		{name: "parts of different sizes", parts: map[int][]byte{0: k(2), 1: k(1), 2: k(1)}, total: 3, want: "FILE_PART_SIZE_INVALID"},
		{name: "part size not dividing 512 KiB", parts: map[int][]byte{0: k(3), 1: k(3), 2: k(1)}, total: 3, want: "FILE_PART_SIZE_INVALID"},
		{name: "last part bigger", parts: map[int][]byte{0: k(1), 1: k(2)}, total: 2, want: "FILE_PART_SIZE_INVALID"},
		{name: "missing part", parts: map[int][]byte{0: k(1), 2: k(1)}, total: 3, want: "FILE_PART_MISSING", arg: 1},
		{name: "more parts than announced", parts: map[int][]byte{0: k(1), 1: k(1), 2: k(1)}, total: 2, want: "FILE_PARTS_INVALID"},
		{name: "wrong checksum", parts: map[int][]byte{0: k(1)}, total: 1, edit: func(f *tg.InputFile) { f.MD5Checksum = "00" }, want: "MD5_CHECKSUM_INVALID"},
		{name: "unknown file", parts: map[int][]byte{0: k(1)}, total: 1, edit: func(f *tg.InputFile) { f.ID++ }, want: "FILE_PARTS_INVALID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := saveParts(t, ctx, c, tt.parts, max(tt.total, len(tt.parts)))
			in.Parts = tt.total
			if tt.edit != nil {
				tt.edit(in)
			}
			_, err := sendDocument(ctx, c, in)
			rpcErr, ok := tgerr.As(err)
			if !ok || rpcErr.Type != tt.want || rpcErr.Argument != tt.arg {
				t.Fatalf("err = %v, want %s (%d)", err, tt.want, tt.arg)
			}
		})
	}

	t.Run("bad parts", func(t *testing.T) {
		for _, tt := range []struct {
			part, total int // total 0: saveFilePart
			data        []byte
			want        string
		}{
			{0, 0, nil, "FILE_PART_EMPTY"},
			{0, 0, k(513), "FILE_PART_TOO_BIG"},
			{4000, 0, k(1), "FILE_PART_INVALID"},
			{-1, 0, k(1), "FILE_PART_INVALID"},
			{3, 3, k(1), "FILE_PART_INVALID"},
			{0, 0, k(1), ""},
		} {
			var err error
			if tt.total == 0 {
				_, err = c.api.UploadSaveFilePart(ctx, &tg.UploadSaveFilePartRequest{FileID: 1, FilePart: tt.part, Bytes: tt.data})
			} else {
				_, err = c.api.UploadSaveBigFilePart(ctx, &tg.UploadSaveBigFilePartRequest{FileID: 2, FilePart: tt.part, FileTotalParts: tt.total, Bytes: tt.data})
			}
			if (tt.want == "" && err != nil) || (tt.want != "" && !tgerr.Is(err, tt.want)) {
				t.Errorf("part %d of %d, %d bytes: err = %v, want %q", tt.part, tt.total, len(tt.data), err, tt.want)
			}
		}
	})
}
