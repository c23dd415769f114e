package handlers

import (
	"context"
	"fmt"
	"time"

	"persona/internal/usererr"

	"persona/handlers/command"
	"persona/media"
	"persona/storage"
)

// reapply sets an earlier entry again from its source message, with the
// frame= and bg= it was set with, and hands the refreshed entry to record.
func (r *runner) reapply(ctx context.Context, peer storage.Peer, e storage.PhotoEntry, record func(storage.PhotoEntry) error) error {
	e.ExpiresAt = time.Time{} // an old timer does not come back
	switch e.Kind {
	case storage.KindHidden: // no source message: drawn again
		return r.reapplyHidden(ctx, peer, e, record)
	case storage.KindKept: // no source message: their own photo, copied again
		return r.reapplyKept(ctx, peer, e, record)
	}
	src, err := r.sourceOf(ctx, e.SourceMsgID)
	if err != nil {
		return err
	}
	p := &prepared{src: src, kind: e.Kind, commandID: e.CommandID, opts: command.Options{Frame: e.Frame, BG: e.BG}}
	res, err := r.uploadContactPhoto(ctx, p, peer, false)
	if err != nil {
		return err
	}
	e.PhotoID, e.SetAt, e.ExpiresAt = photoID(res), r.now(), time.Time{} // an old timer does not come back
	return record(e)
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
