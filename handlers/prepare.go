package handlers

import (
	"context"
	"fmt"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/command"
	"persona/media"
	"persona/storage"
)

// defaultBackground is used for stickers and emoji without bg=: Telegram's
// own apps' first preset, a calm blue.
var defaultBackground = []int{0x3E8EDE}

// prepared is the media of one command, uploaded at most once and reused
// for every target.
type prepared struct {
	src       media.Source
	kind      storage.PhotoKind
	commandID int
	opts      command.Options
	uploaded  tg.InputFileClass
}

// prepare picks and checks the media: the command's own, else a custom
// emoji in its text, else the message it replies to.
func (r *Router) prepare(ctx context.Context, msg *tg.Message, cmd command.Command) (*prepared, error) {
	src, found, err := media.FromMessage(msg)
	if err != nil {
		return nil, err
	}
	if !found {
		src, found = customEmoji(msg)
	}
	if !found {
		if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && h.ReplyToMsgID != 0 {
			replied, ok, err := r.fetchMessage(ctx, h.ReplyToMsgID)
			if err != nil {
				return nil, err
			}
			if ok {
				if src, found, err = media.FromMessage(replied); err != nil {
					return nil, err
				}
			}
		}
	}
	if !found {
		return nil, &media.UserError{Msg: "attach a photo or reply to one"}
	}
	p := &prepared{src: src, commandID: msg.ID, opts: cmd.Options, kind: storageKind(src.Kind)}
	return p, p.check()
}

func customEmoji(msg *tg.Message) (media.Source, bool) {
	for _, e := range msg.Entities {
		if ce, ok := e.(*tg.MessageEntityCustomEmoji); ok {
			return media.Source{Kind: media.KindEmoji, MsgID: msg.ID, DocumentID: ce.DocumentID}, true
		}
	}
	return media.Source{}, false
}

func storageKind(k media.Kind) storage.PhotoKind {
	switch k {
	case media.KindVideo:
		return storage.KindVideo
	case media.KindSticker:
		return storage.KindSticker
	case media.KindEmoji:
		return storage.KindEmoji
	}
	return storage.KindPhoto
}

// check applies Telegram's rules for profile videos before uploading, so
// the user hears exactly what is wrong.
func (p *prepared) check() error {
	s := p.src
	frame := p.opts.Frame
	if frame != nil && s.Kind != media.KindVideo {
		return &media.UserError{Msg: "frame= only applies to a video"}
	}
	if s.Kind != media.KindVideo {
		return nil
	}
	switch {
	case s.W != s.H || s.W > 1080:
		return &media.UserError{Msg: fmt.Sprintf("video is %d×%d; a profile video must be square, at most 1080×1080", s.W, s.H)}
	case s.Duration > 10:
		return &media.UserError{Msg: fmt.Sprintf("video is %.1f s long; a profile video must be at most 10 s", s.Duration)}
	case frame != nil && *frame > s.Duration:
		return &media.UserError{Msg: fmt.Sprintf("frame=%g is past the end of the %.1f s video", *frame, s.Duration)}
	}
	return nil
}

// fill puts the media into the request, uploading it on first use.
func (p *prepared) fill(ctx context.Context, r *Router, req *tg.PhotosUploadContactProfilePhotoRequest) error {
	switch p.src.Kind {
	case media.KindSticker, media.KindEmoji:
		req.VideoEmojiMarkup = p.markup()
		return nil
	}
	if p.uploaded == nil {
		f, err := r.reupload(ctx, p)
		if err != nil {
			return err
		}
		p.uploaded = f
	}
	if p.src.Kind == media.KindVideo {
		req.Video = p.uploaded
		if p.opts.Frame != nil {
			req.SetVideoStartTs(*p.opts.Frame)
		}
		return nil
	}
	req.File = p.uploaded
	return nil
}

func (p *prepared) markup() tg.VideoSizeClass {
	bg := defaultBackground
	if len(p.opts.BG) > 0 {
		bg = make([]int, len(p.opts.BG))
		for i, c := range p.opts.BG {
			bg[i] = int(c)
		}
	}
	if p.src.Kind == media.KindEmoji {
		return &tg.VideoSizeEmojiMarkup{EmojiID: p.src.DocumentID, BackgroundColors: bg}
	}
	return &tg.VideoSizeStickerMarkup{Stickerset: p.src.StickerSet, StickerID: p.src.DocumentID, BackgroundColors: bg}
}

// reupload streams the media; an expired file reference is refreshed by
// fetching the message again (DESIGN.md, pitfall 8), invisibly.
func (r *Router) reupload(ctx context.Context, p *prepared) (tg.InputFileClass, error) {
	_, _, transfer := r.client()
	var progress media.ProgressFunc
	if a := r.current.Load(); a != nil {
		progress = a.uploadProgress
	}
	f, err := transfer.Reupload(ctx, p.src, progress)
	if !tgerr.Is(err, "FILE_REFERENCE_EXPIRED") {
		return f, err
	}
	msg, ok, ferr := r.fetchMessage(ctx, p.src.MsgID)
	if ferr != nil || !ok {
		return nil, err
	}
	fresh, found, ferr := media.FromMessage(msg)
	if ferr != nil || !found {
		return nil, err
	}
	p.src.Location = fresh.Location
	return transfer.Reupload(ctx, p.src, progress)
}
