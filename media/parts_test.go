package media

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"

	"persona/internal/panics"
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

// TestWorkerPanicIsItsError: a panic on a part's goroutine comes back as
// copyParts' error, naming the panic and carrying the goroutine's stack, so
// the command fails instead of the daemon dying.
func TestWorkerPanicIsItsError(t *testing.T) {
	tr := NewTransfer(tg.NewClient(partServer{}), nil)
	src := Source{Kind: KindVideo, Location: &tg.InputDocumentFileLocation{ID: 1}, Size: 3 * partSize, Name: "v.mp4"}
	_, err := tr.copyParts(context.Background(), tr.api, src, &explodingFeed{}, nil)
	var pe *panics.Error
	if !errors.As(err, &pe) {
		t.Fatalf("copyParts returned %v, want the worker's panic", err)
	}
	if !strings.Contains(err.Error(), "the parser met the impossible") {
		t.Fatalf("the error does not name the panic: %v", err)
	}
	if s := fmt.Sprintf("%+v", err); !strings.Contains(s, "(*explodingFeed).feed") {
		t.Fatalf("the error does not carry the worker's stack:\n%s", s)
	}
}
