package handlers

import (
	"context"
	"time"
)

// upkeepDue reports whether the worker has upkeep to do now: a catch-up
// after a gap, the daily check of the records, or a timer that ran out.
// While it is due no new command starts, so it never waits for long.
func (w *worker) upkeepDue() bool {
	now := w.now()
	if now.After(w.catchUpRetryAt) && w.router.catchUpWanted.Load() {
		return true
	}
	if now.Before(w.held) {
		return false // the check and the timers would only be parked again
	}
	if !now.Before(w.nextSync) {
		return true
	}
	if now.Before(w.timerRetryAt) {
		return false
	}
	t, found, err := w.run.timers.NextTimer()
	return err != nil || (found && !t.At.After(now))
}

// upkeep records the catch-up floor on the first start, runs the catch-up,
// the check of the records and the timers that are due; only while no
// command runs.
func (w *worker) upkeep(ctx context.Context) {
	w.begin(upkeepID, nil)
	defer w.end(upkeepID)
	defer w.ranSomething()
	w.recordFirstFloor(ctx)
	w.catchUpIfWanted(ctx)
	w.syncDaily(ctx)
	w.fireDueTimers(ctx)
}

// nextTimer returns a channel that fires when the next timer is due (or a
// failed one may be retried), or nil when there is none.
func (w *worker) nextTimer() <-chan time.Time {
	t, found, err := w.run.timers.NextTimer()
	if err != nil {
		return time.After(timerRetry)
	}
	if !found {
		return nil
	}
	at := t.At
	if w.timerRetryAt.After(at) {
		at = w.timerRetryAt
	}
	return time.After(at.Sub(w.now()))
}

// timersChanged wakes the worker so it sleeps until the right next timer.
func (w *worker) timersChanged() {
	select {
	case w.timerWake <- struct{}{}:
	default:
	}
}
