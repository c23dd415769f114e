package media

import (
	"context"
	"errors"
	"persona/internal/gopanic"
	"strings"
	"testing"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// partServer is a Telegram that serves zero bytes for every part and takes
// every upload part.
type partServer struct{}

func (partServer) Invoke(_ context.Context, input bin.Encoder, output bin.Decoder) error {
	var res bin.Encoder
	switch req := input.(type) {
	case *tg.UploadGetFileRequest:
		res = &tg.UploadFile{Type: &tg.StorageFilePartial{}, Bytes: make([]byte, min(int64(req.Limit), 3*partSize-req.Offset))}
	case *tg.UploadSaveFilePartRequest:
		res = &tg.BoolTrue{}
	default:
		return errors.New("unexpected call")
	}
	var b bin.Buffer
	if err := res.Encode(&b); err != nil {
		return err
	}
	return output.Decode(&b)
}

// explodingFeed panics on the second part, as a bug in a header parser
// meeting hostile bytes would.
type explodingFeed struct{ parts int }

func (f *explodingFeed) feed([]byte) error {
	if f.parts++; f.parts == 2 {
		panic("test: the parser met the impossible")
	}
	return nil
}

func (f *explodingFeed) end() error { return nil }

// TestWorkerPanicReachesCaller: a panic on a part worker goroutine comes
// back as a panic on the goroutine that called copyParts, with the worker's
// stack, so the command's recover answers it instead of the daemon dying.
func TestWorkerPanicReachesCaller(t *testing.T) {
	tr := NewTransfer(tg.NewClient(partServer{}), nil)
	src := Source{Kind: KindVideo, Location: &tg.InputDocumentFileLocation{ID: 1}, Size: 3 * partSize, Name: "v.mp4"}
	defer func() {
		wp, ok := recover().(*gopanic.Panic)
		if !ok {
			t.Fatalf("copyParts did not panic with the worker's panic")
		}
		if s := wp.String(); !strings.Contains(s, "the parser met the impossible") || !strings.Contains(s, "(*explodingFeed).feed") {
			t.Fatalf("the panic does not carry the worker's value and stack:\n%s", s)
		}
	}()
	_, err := tr.copyParts(context.Background(), tr.api, src, &explodingFeed{}, nil)
	t.Fatalf("copyParts returned (%v) instead of panicking", err)
}
