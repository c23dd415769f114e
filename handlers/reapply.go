package handlers

import (
	"context"
	"time"

	"persona/storage"
)

// reapply.go: /undo and a timer going back one step, to the photo before
// (set again as its kind does, kind_*.go) or to none.

// previousPhoto is the photo one step back in the record's history, or
// false when that step is no photo: a reset, or nothing before.
func previousPhoto(rec storage.PhotoRecord) (storage.PhotoEntry, bool) {
	if len(rec.History) == 0 || kindOf(rec.History[0].Kind).setAgain == nil {
		return storage.PhotoEntry{}, false
	}
	return rec.History[0], true
}

// describePrevious names the entry /undo and a timer go back to.
func describePrevious(e storage.PhotoEntry, z zone) string {
	return kindOf(e.Kind).backTo(e, z)
}

// reapply sets an earlier entry again as its kind does, and hands the
// refreshed entry (new photo id and time) to record.
func (r *runner) reapply(ctx context.Context, peer storage.Peer, e storage.PhotoEntry, record func(storage.PhotoEntry) error) error {
	res, err := kindOf(e.Kind).setAgain(r, ctx, peer, e)
	if err != nil {
		return err
	}
	e.PhotoID, e.SetAt, e.ExpiresAt = photoID(res), r.now(), time.Time{} // an old timer does not come back
	return record(e)
}
