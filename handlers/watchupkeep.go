package handlers

import (
	"context"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/storage"
)

// copyPace is the time between two archived copies after `/watch all`:
// thousands of downloads go on in the background, and commands run
// between them (upkeep yields while it is not due).
const copyPace = 250 * time.Millisecond

// watchDue reports whether the watches' upkeep has something to do now.
func (w *worker) watchDue(now time.Time) bool {
	at := w.watchWakeAt()
	return !at.IsZero() && !now.Before(at)
}

// watchWakeAt is when the watches' upkeep is next due; zero when nothing waits.
func (w *worker) watchWakeAt() time.Time {
	if w.run.watching == nil || w.run.watches == nil {
		return time.Time{}
	}
	return w.run.watching.wakeAt(w.router.catchUpWanted.Load())
}

// watchUpkeep checks every watched contact (at start, after the catch-up,
// and then daily), sends the notices due and archives one photo.
func (w *worker) watchUpkeep(ctx context.Context) {
	f := w.run.watching
	if f == nil || w.run.watches == nil {
		return
	}
	now := w.now()
	if !w.router.catchUpWanted.Load() && !now.Before(time.Unix(0, f.checkAt.Load())) {
		ok := w.watchStep(ctx, "check of the watched contacts", w.run.checkAllWatched)
		f.checkAt.Store(now.Add(retryOr(ok, syncEvery)).UnixNano())
	}
	if f.notices.Load() && !now.Before(time.Unix(0, f.noticeAt.Load())) {
		f.notices.Store(false) // before sending: a change noticed meanwhile sets it again
		if !w.watchStep(ctx, "notices of watched contacts", w.run.sendNotices) {
			f.notices.Store(true)
			f.noticeAt.Store(now.Add(timerRetry).UnixNano())
		}
	}
	if f.copies.Load() && !now.Before(time.Unix(0, f.copyAt.Load())) {
		w.watchStep(ctx, "copy of a watched contact's photo", w.run.archiveNext)
		f.copyAt.Store(w.now().Add(copyPace).UnixNano())
	}
}

func retryOr(ok bool, d time.Duration) time.Duration {
	if ok {
		return d
	}
	return timerRetry
}

// watchStep runs one part of the watches' upkeep as the worker's step,
// held by a flood wait like a command; it reports whether it went well.
func (w *worker) watchStep(ctx context.Context, what string, f func(context.Context) error) bool {
	var err error
	perr := w.parkable(ctx, upkeepID, func(ctx context.Context) {
		err = survive(w.lg, what, func() error { return f(ctx) })
	})
	if perr == nil && err != nil {
		w.lg.Warn("Upkeep of watched contacts", zap.String("what", what), zap.Error(err))
		w.run.noteError(err)
	}
	return perr == nil && err == nil
}

// archiveNext archives the photo of one watch that still needs a copy
// (copyQueue). A failure is logged and not tried again till the next check.
func (r *runner) archiveNext(ctx context.Context) error {
	id, ok, err := r.nextToCopy()
	if err != nil || !ok {
		return err
	}
	wt, found, err := r.watches.Watched(id)
	if err != nil || !found || !wt.NeedsCopy() {
		return err
	}
	if err := r.archiveWatch(ctx, wt); err != nil {
		r.watching.copyFailed(id)
		r.lg.Warn("No copy of a watched contact's photo", zap.String("contact", wt.Label), zap.Error(err))
	}
	return nil
}

// nextToCopy takes the next watch from the queue of those needing a copy,
// reading the watches again when the queue is empty; false when none is left.
func (r *runner) nextToCopy() (int64, bool, error) {
	f := r.watching
	if id, ok := f.pop(); ok {
		return id, true, nil
	}
	ws, err := r.watches.Watches()
	if err != nil {
		return 0, false, err
	}
	var ids []int64
	for _, wt := range ws {
		if wt.NeedsCopy() && !f.hasFailed(wt.UserID) {
			ids = append(ids, wt.UserID)
		}
	}
	f.queue(ids)
	id, ok := f.pop()
	if !ok {
		f.copies.Store(false)
	}
	return id, ok, nil
}

// archiveWatch copies the watched contact's current photo into the
// archive: the one Persona last saw, or for an unseen watch whatever they
// have now. A photo that changed meanwhile is left to the check, which
// tells the change first.
func (r *runner) archiveWatch(ctx context.Context, wt storage.Watch) error {
	peer, found, err := r.peers.PeerByID(wt.UserID)
	if err != nil || !found {
		return errors.Join(err, errors.New("not in the peer cache"))
	}
	p, err := r.currentOwnPhoto(ctx, peer)
	switch {
	case err != nil:
		return err
	case p == nil && wt.Unseen:
		_, _, err := r.watches.NoteChange(wt.UserID, 0, r.now()) // they have none: seen, no notice
		return err
	case p == nil:
		return errors.New(notVisible)
	case !wt.Unseen && p.ID != wt.PhotoID:
		return errors.New("their photo changed since it was last seen; the next check tells")
	}
	c, err := r.archivePhoto(ctx, wt, p)
	if err != nil {
		return err
	}
	unused, err := r.watches.AddCopy(wt.UserID, c)
	r.removeFiles(unused)
	return err
}
