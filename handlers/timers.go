package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/storage"
)

// timerRetry is how long a timer that failed for a passing reason (network,
// Telegram's 5xx) waits before it is tried again.
const timerRetry = 30 * time.Second

// fireDueTimers undoes every timed photo whose time is up, oldest first.
// Timers fire late after downtime rather than never: the index is in bbolt.
func (w *worker) fireDueTimers(ctx context.Context) {
	r := w.run
	for ctx.Err() == nil {
		now := r.now()
		if now.Before(w.timerRetryAt) {
			return
		}
		t, found, err := r.timers.NextTimer()
		if err != nil {
			r.lg.Warn("Read timers", zap.Error(err))
			w.timerRetryAt = now.Add(timerRetry)
			return
		}
		if !found || t.At.After(now) {
			return
		}
		expire := func(ctx context.Context) { err = survive(r.lg, "timer", func() error { return r.expire(ctx, t) }) }
		if perr := w.parkable(ctx, upkeepID, expire); perr != nil {
			var p *parked
			if errors.As(perr, &p) {
				w.timerRetryAt = p.until
			}
			return
		}
		if err != nil {
			r.noteError(err)
			r.lg.Warn("Timer failed; will retry", zap.Int64("user_id", t.UserID), zap.Error(err))
			w.timerRetryAt = now.Add(timerRetry)
			return
		}
		r.lg.Info("Timer fired", zap.Int64("user_id", t.UserID), zap.Time("due", t.At), zap.Duration("late_ms", r.now().Sub(t.At)))
	}
}

// expire ends one timed photo: back to the previous photo, or reset when
// there was none, then a notice in Saved Messages. Every step is safe to
// repeat after a crash: the record only changes if the timed photo is still
// current, and the notice's random_id is fixed.
func (r *runner) expire(ctx context.Context, t storage.Timer) error {
	rec, found, err := r.records.Photo(t.UserID)
	if err != nil {
		return err
	}
	if !found || rec.Current == nil || !rec.Current.ExpiresAt.Equal(t.At) {
		return r.timers.DropTimer(t) // cannot happen with one transaction per change; never loop on it
	}
	cur := *rec.Current
	label := rec.Label
	if label == "" {
		label = fmt.Sprintf("id %d", t.UserID)
	}
	peer, err := r.resolve(ctx, command.Target{Kind: command.UserID, ID: t.UserID})
	if err == nil {
		var left bool
		if left, err = r.leftAsItIs(ctx, rec, label); left || err != nil {
			return err
		}
		err = r.undoTimed(ctx, peer, rec, label)
	}
	if err == nil || !permanent(err) {
		return err
	}
	// Telegram or the media says no, for good: keep the photo, drop the
	// timer, and say why rather than retrying forever.
	if err := r.notify(ctx, cur, fmt.Sprintf("❌ %s: the timer ran out, but the photo could not be undone: %s", label, explain(label, err))); err != nil {
		return err
	}
	return r.timers.StopTimer(t.UserID, cur.CommandID)
}

// leftAsItIs asks Telegram what it shows before a timer changes anything:
// a photo changed or removed in another app, a contact who deleted their
// account or left the contacts, is left as it is, with a notice saying why
// (README, "Alongside your other apps"). Only what
// Telegram shows now is true; the record is a memory (docs/ARCHITECTURE.md, 20).
func (r *runner) leftAsItIs(ctx context.Context, rec storage.PhotoRecord, label string) (bool, error) {
	shown, err := r.askShown(ctx, []int64{rec.UserID})
	if err != nil {
		return false, err
	}
	s, answered := shown[rec.UserID]
	if !answered {
		return false, nil // Telegram did not say: the undo itself will tell
	}
	var why string
	switch {
	case s.Deleted:
		why = label + " deleted their account, so nothing was changed"
	case !s.Contact:
		why = label + " is no longer in your contacts, so nothing was changed: Telegram keeps personal photos for contacts only"
	case rec.TakenElsewhere(s):
		why = "the photo was changed in another app, so it was left as it is"
	default:
		return false, nil
	}
	cur := *rec.Current
	if err := r.notify(ctx, cur, "⏲ "+label+": the timer ran out; "+why); err != nil {
		return false, err
	}
	if err := r.records.SyncPhoto(rec.UserID, s, r.now()); err != nil {
		return false, err
	}
	return true, r.timers.StopTimer(rec.UserID, cur.CommandID)
}

func (r *runner) undoTimed(ctx context.Context, peer storage.Peer, rec storage.PhotoRecord, label string) error {
	cur := *rec.Current
	prev, ok := previousPhoto(rec)
	if !ok {
		if err := r.removePersonalPhoto(ctx, peer); err != nil {
			return err
		}
		if err := r.notify(ctx, cur, "⏲ "+label+": the timer ran out; personal photo removed"); err != nil {
			return err
		}
		return r.timers.ExpirePhoto(peer.ID, cur.CommandID, nil, r.now())
	}
	return r.reapply(ctx, peer, prev, func(e storage.PhotoEntry) error {
		text := "⏲ " + label + ": the timer ran out; back to " + describePrevious(prev, r.zone)
		if err := r.notify(ctx, cur, text); err != nil {
			return err
		}
		return r.timers.ExpirePhoto(peer.ID, cur.CommandID, &e, r.now())
	})
}

// notify sends a notice about the timed entry into Saved Messages. It is
// not a reply (the command was answered once already) and never starts with
// the prefix, so it is never taken for a command.
func (r *runner) notify(ctx context.Context, e storage.PhotoEntry, text string) error {
	_, err := r.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{
		Peer:      &tg.InputPeerSelf{},
		Message:   text,
		RandomID:  randomID(fmt.Appendf(nil, "persona timer %d %d %d", r.self.ID, e.CommandID, e.ExpiresAt.UnixNano())),
		NoWebpage: true,
	})
	return err
}

// permanent tells an error that will not go away by waiting.
func permanent(err error) bool {
	var (
		ue  *usererr.Error
		rpc *tgerr.Error
	)
	return errors.As(err, &ue) || (errors.As(err, &rpc) && rpc.Code == 400)
}
