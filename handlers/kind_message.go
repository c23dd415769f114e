package handlers

import (
	"context"
	"fmt"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/media"
	"persona/storage"
)

// The kinds of media /setphoto sets a personal photo from. A message in
// Saved Messages holds the media, so it is set again from that message.
const (
	kindPhoto   storage.PhotoKind = "photo"
	kindVideo   storage.PhotoKind = "video"
	kindSticker storage.PhotoKind = "sticker"
	kindEmoji   storage.PhotoKind = "emoji"
)

// fromMessage is each of them, named by the kind. Its "from message N
// (options)" is what a reply to /history is read back from (historyEntry,
// historyline.go), so change both together.
var fromMessage = photoKind{
	describe: func(e storage.PhotoEntry, z zone) string {
		return fmt.Sprintf("%s from message %d%s, set %s", e.Kind, e.SourceMsgID, entryOptions(e), z.at(e.SetAt))
	},
	backTo: func(e storage.PhotoEntry, z zone) string {
		return "the " + string(e.Kind) + " from " + z.at(e.SetAt)
	},
	setAgain: (*runner).setFromMessageAgain,
}

func init() {
	for _, name := range []storage.PhotoKind{kindPhoto, kindVideo, kindSticker, kindEmoji} {
		registerKind(name, fromMessage)
	}
}

// setFromMessageAgain uploads the entry's source message media again, with
// the frame= and bg= it was set with.
func (r *runner) setFromMessageAgain(ctx context.Context, peer storage.Peer, e storage.PhotoEntry) (*tg.PhotosPhoto, error) {
	src, err := r.sourceOf(ctx, e.SourceMsgID)
	if err != nil {
		return nil, err
	}
	p := &prepared{src: src, kind: e.Kind, commandID: e.CommandID, opts: command.Look{Frame: e.Frame, BG: e.BG}}
	return r.uploadContactPhoto(ctx, p, peer, false)
}

// sourceOf is the media of an earlier photo's source message: what it has
// attached or, for a command that set a custom emoji, that emoji.
func (r *runner) sourceOf(ctx context.Context, id int) (media.Source, error) {
	msg, ok, err := r.fetchMessage(ctx, id)
	if err != nil {
		return media.Source{}, err
	}
	if !ok {
		return media.Source{}, usererr.New(fmt.Sprintf("the source message %d of the earlier photo was deleted; %ssetphoto with the media sets it again", id, r.prefix))
	}
	src, found, err := r.mediaOf(ctx, msg)
	if !found && err == nil {
		var n int
		src, n = customEmoji(msg)
		found = n > 0
	}
	if err != nil || !found {
		return media.Source{}, usererr.New(fmt.Sprintf("message %d no longer has the media; %ssetphoto with the media sets it again", id, r.prefix))
	}
	return src, nil
}
