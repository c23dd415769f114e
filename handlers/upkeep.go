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
	if now.Before(w.held) || w.router.frozen.waiting(now) {
		return false // the check and the timers would only be parked or refused again
	}
	if !now.Before(w.nextSync) || !now.Before(w.nextRule) {
		return true
	}
	if due := w.checks.dueAt(); !due.IsZero() && !now.Before(due) {
		return true
	}
	if w.watchDue(now) {
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
	w.checkChanged(ctx)
	w.syncDaily(ctx)
	w.applyRuleDaily(ctx)
	w.watchUpkeep(ctx)
	w.fireDueTimers(ctx)
}

// nextTimerAt is when the next timer is due (or a failed one may be
// retried) or the contacts updateUser named are to be checked; zero when
// there is nothing to wait for.
func (w *worker) nextTimerAt() time.Time {
	at := w.checks.dueAt()
	t, found, err := w.run.timers.NextTimer()
	switch {
	case err != nil:
		return w.now().Add(timerRetry)
	case found:
		due := t.At
		if w.timerRetryAt.After(due) {
			due = w.timerRetryAt
		}
		if at.IsZero() || due.Before(at) {
			at = due
		}
	}
	if at.IsZero() {
		return time.Time{}
	}
	// upkeepDue holds the timers and checks during a flood wait and until
	// the next try of a frozen account: wake then, not over and over.
	if w.held.After(at) {
		at = w.held
	}
	if _, next, frozen := w.router.frozen.get(); frozen && next.After(at) {
		at = next
	}
	return at
}

// timersChanged wakes the worker so it sleeps until the right next timer.
func (w *worker) timersChanged() { w.router.queue.wake() }
