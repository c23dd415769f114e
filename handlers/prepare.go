package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
	"persona/internal/usererr"
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
	opts      command.Look
	uploaded  tg.InputFileClass
	progress  func(done, total int64) // shows a long upload in the reply; nil for none
}

// prepare picks and checks the media: the command's own attachment, else
// the message it replies to; a custom emoji in the command text counts as
// media too. Two candidates of different kinds are never silently picked
// from: the user is asked which one.
func (r *runner) prepare(ctx context.Context, msg *tg.Message, cmd command.Command) (*prepared, error) {
	src, found, err := media.FromMessage(msg)
	if err != nil {
		return nil, err
	}
	where, opts := "attached", cmd.Options.Look()
	if !found {
		var ref *historyRef
		if src, ref, found, err = r.repliedMedia(ctx, msg); err != nil {
			return nil, err
		}
		where = "in the message you replied to"
		if ref != nil {
			// Set again as it was, unless the command says otherwise.
			where = "in the /history entry you replied to"
			if opts.Frame == nil {
				opts.Frame = ref.opts.Frame
			}
			if len(opts.BG) == 0 {
				opts.BG = ref.opts.BG
			}
		}
	}
	emoji, emojis := customEmoji(msg)
	switch {
	case emojis > 1:
		return nil, usererr.New(fmt.Sprintf("the command has %d different custom emoji; which one? Keep just one", emojis))
	case emojis == 1 && found:
		return nil, usererr.New(fmt.Sprintf("the command has a custom emoji and a %s %s; which one? Remove the emoji or the %s", src.Kind, where, src.Kind))
	case emojis == 1:
		src, found = emoji, true
	}
	if !found {
		return nil, usererr.New("attach a photo or reply to one")
	}
	p := &prepared{src: src, commandID: msg.ID, opts: opts, kind: storageKind(src.Kind)}
	return p, p.check()
}

// repliedMedia is the media of the message msg replies to, if any. A reply
// to our /history answer means the entry it quotes: that entry's source
// message, with the options it was set with in ref.
func (r *runner) repliedMedia(ctx context.Context, msg *tg.Message) (src media.Source, ref *historyRef, found bool, err error) {
	h, ok := msg.ReplyTo.(*tg.MessageReplyHeader)
	if !ok || h.ReplyToMsgID == 0 {
		return media.Source{}, nil, false, nil
	}
	if h.ReplyToPeerID != nil { // quoted from another chat: the id is not one of Saved Messages
		src, found, err = r.quotedMedia(ctx, msg)
		return src, nil, found, err
	}
	replied, ok, err := r.fetchMessage(ctx, h.ReplyToMsgID)
	if err != nil || !ok {
		return media.Source{}, nil, false, err
	}
	if src, found, err = media.FromMessage(replied); found || err != nil {
		return src, nil, found, err
	}
	entry, isHistory, err := historyEntry(replied, h)
	if !isHistory || err != nil {
		return media.Source{}, nil, false, err
	}
	if src, err = r.sourceOf(ctx, entry.sourceMsgID); err != nil {
		return media.Source{}, nil, false, err
	}
	return src, &entry, true, nil
}

// customEmoji returns the first custom emoji of the command text and how
// many different ones it has.
func customEmoji(msg *tg.Message) (media.Source, int) {
	var (
		first media.Source
		seen  = map[int64]bool{}
	)
	for _, e := range msg.Entities {
		ce, ok := e.(*tg.MessageEntityCustomEmoji)
		if !ok || seen[ce.DocumentID] {
			continue
		}
		if len(seen) == 0 {
			first = media.Source{Kind: media.KindEmoji, MsgID: msg.ID, DocumentID: ce.DocumentID}
		}
		seen[ce.DocumentID] = true
	}
	return first, len(seen)
}

func storageKind(k media.Kind) storage.PhotoKind {
	switch k {
	case media.KindVideo:
		return kindVideo
	case media.KindSticker:
		return kindSticker
	case media.KindEmoji:
		return kindEmoji
	}
	return kindPhoto
}

// check applies Telegram's rules for profile videos before uploading, so
// the user hears exactly what is wrong.
func (p *prepared) check() error {
	s := p.src
	frame := p.opts.Frame
	if frame != nil && s.Kind != media.KindVideo {
		return usererr.New("frame= only applies to a video")
	}
	if err := media.CheckSize(s.Kind, s.Size); err != nil {
		return err // said by the message: refused before a byte is downloaded
	}
	if s.Kind != media.KindVideo || s.W == 0 {
		return nil // no attributes: the MP4 header is checked as it streams
	}
	return media.CheckVideo(s.W, s.H, s.Length(), frame)
}

// fill puts the media into the request, uploading it on first use.
func (p *prepared) fill(ctx context.Context, r *runner, req *tg.PhotosUploadContactProfilePhotoRequest) error {
	if (p.src.Kind == media.KindSticker && !p.src.Static) || p.src.Kind == media.KindEmoji {
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

// markupBG is the bg= a sticker or emoji was set with; nil for other media,
// which have no background.
func (p *prepared) markupBG() []uint32 {
	if p.src.Kind != media.KindSticker && p.src.Kind != media.KindEmoji {
		return nil
	}
	return p.opts.BG
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

// reupload streams the media; a file reference Telegram refuses (expired,
// invalid, empty: any FILE_REFERENCE_* error, as TDLib's
// FileReferenceManager treats them all) is refreshed by fetching the
// message again (docs/ARCHITECTURE.md, "A file reference is renewed by
// fetching the message"), invisibly.
func (r *runner) reupload(ctx context.Context, p *prepared) (tg.InputFileClass, error) {
	transfer := r.transfer
	opts := media.Options{Frame: p.opts.Frame, BG: p.opts.BG}
	opts.Progress = p.progress
	f, err := transfer.Reupload(ctx, p.src, opts)
	if !fileReferenceError(err) {
		return f, err
	}
	msg, ok, ferr := r.fetchMessage(ctx, p.src.MsgID)
	if ferr != nil || !ok {
		return nil, err
	}
	fresh, found, ferr := r.mediaOf(ctx, msg)
	if ferr != nil || !found {
		return nil, err
	}
	p.src.Location = fresh.Location
	return transfer.Reupload(ctx, p.src, opts)
}

// fileReferenceError tells any of Telegram's FILE_REFERENCE_* errors,
// including the numbered FILE_REFERENCE_X_EXPIRED of multi-media requests.
func fileReferenceError(err error) bool {
	rpc, ok := tgerr.As(err)
	return ok && strings.HasPrefix(rpc.Message, "FILE_REFERENCE_")
}
