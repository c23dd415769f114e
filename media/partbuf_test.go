package media

import (
	"bytes"
	"testing"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// TestFilePartDecodes: filePart reads every upload.file tg.UploadFile
// encodes, short and long bytes, whatever the padding, and leaves the
// buffer after it.
func TestFilePartDecodes(t *testing.T) {
	for _, size := range []int{0, 1, 3, 253, 254, 255, 4096, partSize - 1, partSize} {
		want := bytes.Repeat([]byte{byte(size)}, size)
		var b bin.Buffer
		if err := (&tg.UploadFile{Type: &tg.StorageFileJpeg{}, Mtime: 7, Bytes: want}).Encode(&b); err != nil {
			t.Fatal(err)
		}
		b.PutInt32(42) // what follows in the message
		f := filePart{buf: make([]byte, 0, partSize)}
		if err := f.Decode(&b); err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if !bytes.Equal(f.buf, want) {
			t.Fatalf("%d bytes: decoded %d bytes, not the part", size, len(f.buf))
		}
		if rest, err := b.Int32(); err != nil || rest != 42 || b.Len() != 0 {
			t.Fatalf("%d bytes: the decoder left %v, %v and %d bytes behind it", size, rest, err, b.Len())
		}
	}
}

// TestFilePartRefuses: a part larger than asked for, another answer than
// upload.file, or bytes cut short are errors, never a short part.
func TestFilePartRefuses(t *testing.T) {
	encode := func(e bin.Encoder) *bin.Buffer {
		var b bin.Buffer
		if err := e.Encode(&b); err != nil {
			t.Fatal(err)
		}
		return &b
	}
	big := encode(&tg.UploadFile{Type: &tg.StorageFilePartial{}, Bytes: make([]byte, 5000)})
	cut := encode(&tg.UploadFile{Type: &tg.StorageFilePartial{}, Bytes: make([]byte, 5000)})
	cut.Buf = cut.Buf[:cut.Len()-100]
	for name, b := range map[string]*bin.Buffer{
		"too big":  big,
		"cut":      cut,
		"redirect": encode(&tg.UploadFileCDNRedirect{DCID: 1}),
	} {
		f := filePart{buf: make([]byte, 0, 4096)}
		if err := f.Decode(b); err == nil {
			t.Errorf("%s: decoded %d bytes without an error", name, len(f.buf))
		}
	}
}
