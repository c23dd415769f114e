package handlers

import (
	"context"
	"sync"
	"time"

	"github.com/go-faster/errors"
)

// running is what the worker runs now, for the watchdog (healthy) and for
// a flood wait that parks it all (park).
type running struct {
	mu     sync.Mutex
	active map[int]*activeJob // by message id; upkeep is upkeepID
	wedged time.Duration
}

// activeJob is something the worker runs: since when, the status message
// that shows a flood wait, and how to park it.
type activeJob struct {
	since  time.Time
	status *statusMessage
	park   context.CancelCauseFunc
}

// wedged is how long one command may run before the daemon counts as stuck
// (systemd's watchdog then restarts it): far above any real upload, and
// flood waits park the command instead of blocking.
const wedged = 15 * time.Minute // the default of Options.Wedged

// healthy reports that nothing the worker runs (a command, the timers, the
// check of the records) has been at it for longer than wedged.
func (rs *running) healthy() bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for _, a := range rs.active {
		if time.Since(a.since) >= rs.wedged {
			return false
		}
	}
	return true
}

// begin notes that id runs, with the status message that shows its progress.
func (rs *running) begin(id int, a *statusMessage) {
	rs.mu.Lock()
	rs.active[id] = &activeJob{since: time.Now(), status: a}
	rs.mu.Unlock()
}

func (rs *running) end(id int) {
	rs.mu.Lock()
	delete(rs.active, id)
	rs.mu.Unlock()
}

// parked is why work stopped: Telegram asked for a long flood wait (the
// work is held, in order, until then; read-only commands still run), or
// the account is frozen.
type parked struct {
	until  time.Time
	frozen bool // the account is frozen (holdFrozen), not a flood wait
}

func (p *parked) Error() string { return "held until " + p.until.Format(timeFormat) }

// park shows a long flood wait in every running command's reply and stops
// their work, which the worker holds until then.
func (w *worker) park(until time.Time) {
	now := w.now()
	notice := "⏳ Telegram asks to wait " + roughDuration(until.Sub(now)) + "; retrying at " + clockTime(now, until)
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, a := range w.active {
		if a.status != nil {
			a.status.showNow(notice)
		}
		if a.park != nil {
			a.park(&parked{until: until})
		}
	}
}

// parkable runs f for id with a context that a long flood wait cancels
// with a *parked cause, and returns that cause if it did.
func (rs *running) parkable(ctx context.Context, id int, f func(ctx context.Context)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	rs.mu.Lock()
	if a := rs.active[id]; a != nil {
		a.park = cancel
	}
	rs.mu.Unlock()
	f(ctx)
	var p *parked
	if errors.As(context.Cause(ctx), &p) {
		return p
	}
	return ctx.Err()
}
