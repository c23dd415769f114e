package handlers

import (
	"context"
	"fmt"
	"time"

	"persona/command"
	"persona/media"
	"persona/storage"
)

// history runs /history: the target's personal photos, newest first.
func (r *Router) history(ctx context.Context, cmd command.Command) reply {
	t := cmd.Targets[0]
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	rec, found, err := r.db.Photo(peer.ID)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	if !found || (rec.Current == nil && len(rec.History) == 0) {
		return failed("no personal photos recorded for " + t.Label())
	}
	out := reply{header: "personal photos of " + t.Label() + ", newest first"}
	if rec.Current != nil {
		out.add(true, "• now: "+describeEntry(*rec.Current))
	} else {
		out.add(true, "• now: none (reset "+rec.ResetAt.Format(timeFormat)+")")
	}
	for i, e := range rec.History {
		out.add(true, fmt.Sprintf("• %d: %s", i+1, describeEntry(e)))
	}
	return out
}

func describeEntry(e storage.PhotoEntry) string {
	s := fmt.Sprintf("%s from message %d, set %s", e.Kind, e.SourceMsgID, e.SetAt.Format(timeFormat))
	if e.Suggested {
		s += ", also suggested"
	}
	if !e.ExpiresAt.IsZero() {
		s += ", until " + e.ExpiresAt.Format(timeFormat)
	}
	return s
}

// undo runs /undo: back to the previous personal photo, re-uploaded from its
// source message, or a reset when there was none.
func (r *Router) undo(ctx context.Context, msgID int, cmd command.Command) reply {
	return r.eachTarget(ctx, msgID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.undoOne(ctx, t, step)
	})
}

func (r *Router) undoOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return false, explain(label, err)
	}
	rec, found, err := r.db.Photo(peer.ID)
	if err != nil {
		return false, explain(label, err)
	}
	if !found || rec.Current == nil {
		return false, "nothing to undo for " + label
	}
	if len(rec.History) == 0 {
		if err := r.removePersonalPhoto(ctx, peer); err != nil {
			return false, explain(label, err)
		}
		line := label + ": personal photo removed (there was no earlier one)"
		if err := r.db.ResetPhoto(peer.ID, r.now(), finished(step, true, line)); err != nil {
			return false, explain(label, err)
		}
		return true, line
	}
	prev := rec.History[0]
	line := label + ": back to the " + string(prev.Kind) + " from " + prev.SetAt.Format(timeFormat)
	err = r.reapply(ctx, peer, prev, func(e storage.PhotoEntry) error {
		return r.db.UndoPhoto(peer.ID, e, finished(step, true, line))
	})
	if err != nil {
		return false, explain(label, err)
	}
	return true, line
}

// reapply sets an earlier entry again from its source message and hands the
// refreshed entry to record.
func (r *Router) reapply(ctx context.Context, peer storage.Peer, e storage.PhotoEntry, record func(storage.PhotoEntry) error) error {
	msg, ok, err := r.fetchMessage(ctx, e.SourceMsgID)
	if err != nil {
		return err
	}
	if !ok {
		return &media.UserError{Msg: fmt.Sprintf("the source message %d of the earlier photo was deleted", e.SourceMsgID)}
	}
	src, found, err := media.FromMessage(msg)
	if !found && err == nil {
		var n int
		src, n = customEmoji(msg)
		found = n > 0
	}
	if err != nil || !found {
		return &media.UserError{Msg: fmt.Sprintf("message %d no longer has the media", e.SourceMsgID)}
	}
	p := &prepared{src: src, kind: e.Kind, commandID: e.CommandID}
	res, err := r.uploadContactPhoto(ctx, p, peer, false)
	if err != nil {
		return err
	}
	e.PhotoID, e.SetAt, e.ExpiresAt = photoID(res), r.now(), time.Time{} // an old timer does not come back
	return record(e)
}
