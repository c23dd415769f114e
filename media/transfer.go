package media

import (
	"context"
	"io"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/downloader"
	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/internal/usererr"
)

// Transfer re-uploads media: Telegram cannot reuse an existing photo as a
// profile photo (docs/ARCHITECTURE.md, "A profile photo is uploaded anew"),
// so it must be uploaded again.
// Uploads go to the home DC; a file is downloaded from the DC it lives on.
type Transfer struct {
	api *tg.Client
	dcs DCs
	dl  *downloader.Downloader

	bufs  partBufs  // the parts' buffers, reused across parts and transfers
	slots partSlots // the parts in flight across transfers
}

// DCs reaches the data centres where files live (session's): an invoker
// for dc, nil for the home DC, and Forget for one whose authorization that
// DC forgot.
type DCs = interface {
	Invoker(ctx context.Context, dc int) (tg.Invoker, error)
	Forget(dc int)
}

// NewTransfer makes a Transfer over the client; dcs may be nil, and then
// every file is asked of the home DC (which answers FILE_MIGRATE for files
// elsewhere, and gotd follows it).
func NewTransfer(api *tg.Client, dcs DCs) *Transfer {
	return &Transfer{api: api, dcs: dcs, dl: downloader.NewDownloader(), slots: newPartSlots(partsInFlight)}
}

// source is the client to download src from: the connection to its DC.
func (t *Transfer) source(ctx context.Context, src Source) (*tg.Client, error) {
	if t.dcs == nil {
		return t.api, nil
	}
	inv, err := t.dcs.Invoker(ctx, src.DC)
	if err != nil || inv == nil {
		return t.api, err
	}
	return tg.NewClient(inv), nil
}

// ProgressFunc hears how many bytes of total are uploaded so far. It may be
// called from several goroutines and must not block.
type ProgressFunc func(done, total int64)

type progressFunc ProgressFunc

func (f progressFunc) Chunk(_ context.Context, s uploader.ProgressState) error {
	f(s.Uploaded, s.Total)
	return nil
}

// Options tune one re-upload.
type Options struct {
	Progress ProgressFunc // may be nil
	Frame    *float64     // a video's chosen cover frame, checked against its header
	BG       []uint32     // the background a static sticker is drawn on; nil: the default blue
}

// Reupload streams the source from Telegram into a new upload and returns
// the InputFile to use. Download and upload run at once through a pipe; the
// bytes are inspected on the way (see inspect), so media Telegram would
// refuse is refused with the reason, before or while it is uploaded.
func (t *Transfer) Reupload(ctx context.Context, src Source, opts Options) (tg.InputFileClass, error) {
	f, err := t.reupload(ctx, src, opts)
	if t.dcs != nil && src.DC != 0 && tgerr.Is(err, "AUTH_KEY_UNREGISTERED") {
		// The file's DC forgot the authorization imported into it: that
		// DC's 401 never means the session is revoked (Telegram Desktop
		// imports again on any DC but the main one). Import it again.
		t.dcs.Forget(src.DC)
		f, err = t.reupload(ctx, src, opts)
	}
	return f, err
}

func (t *Transfer) reupload(ctx context.Context, src Source, opts Options) (tg.InputFileClass, error) {
	down, err := t.source(ctx, src)
	if err != nil {
		return nil, err
	}
	switch {
	case src.Size <= 0 || src.Kind == KindSticker:
		// Unknown size, or a sticker to draw: one ordered stream.
	case src.Kind == KindImage:
		// JPEG and PNG go up as they are, in parallel parts once the
		// header in part 0 passed; a WebP becomes a PNG, which needs the
		// whole file, and a header longer than a part needs the stream.
		f, err := t.copyPartsChecked(ctx, down, src, imageHead(src), nil, opts.Progress)
		if !errors.Is(err, errWholeFile) {
			return f, err
		}
	case src.Kind == KindVideo:
		return t.copyParts(ctx, down, src, &videoCheck{frame: opts.Frame}, opts.Progress)
	default:
		return t.copyParts(ctx, down, src, nil, opts.Progress)
	}
	return t.stream(ctx, down, src, opts)
}

// stream re-uploads through one ordered pipe, inspecting the bytes.
func (t *Transfer) stream(ctx context.Context, down *tg.Client, src Source, opts Options) (tg.InputFileClass, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := t.dl.Download(down, src.Location).Stream(ctx, pw)
		_ = pw.CloseWithError(err)
		done <- err
	}()
	up := uploader.NewUploader(t.api)
	if opts.Progress != nil {
		up = up.WithProgress(progressFunc(opts.Progress))
	}
	var f tg.InputFileClass
	in, upErr := inspect(src, opts, pr)
	if upErr == nil {
		f, upErr = up.Upload(ctx, uploader.NewUpload(in.name, in.r, in.size))
	}
	_ = pr.CloseWithError(io.ErrClosedPipe)
	cancel()
	dlErr := <-done
	if dlErr != nil && !errors.Is(dlErr, context.Canceled) && !errors.Is(dlErr, io.ErrClosedPipe) {
		return nil, errors.Wrap(dlErr, "download")
	}
	var userErr *usererr.Error
	if errors.As(upErr, &userErr) {
		return nil, userErr
	}
	if upErr != nil {
		return nil, errors.Wrap(upErr, "upload")
	}
	return f, nil
}
