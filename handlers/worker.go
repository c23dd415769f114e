package handlers

import (
	"context"
	"sync"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"
)

// worker runs the queued commands, several at once (in order per contact),
// and between them the upkeep: the catch-up after a gap, the daily check of
// the records, and the timers of for=. Upkeep runs only while no command
// does, so a timer and a command for one contact never race.
type worker struct {
	router *Router
	run    *runner
	queue  *queue
	lg     *zap.Logger
	now    func() time.Time
	slots  int
	wedged time.Duration

	results chan result // one per finished job

	mu     sync.Mutex
	active map[int]*activeJob // what runs, by message id; upkeep is upkeepID

	timerWake chan struct{}
	checks    userChecks // contacts updateUser named, to check with Telegram

	// Owned by the loop.
	held           time.Time // until then only commands that change nothing run
	nextSync       time.Time // when the records are next checked with Telegram
	timerRetryAt   time.Time // no timers before this, after a failure
	catchUpRetryAt time.Time // no catch-up before this, after a failure
	quietAt        time.Time // when to call OnQuiet, if nothing runs till then; zero: not due
}

// upkeepID marks the worker's own step in active.
const upkeepID = -1

// activeJob is something the worker runs: since when, the reply that shows
// a flood wait, and how to park it.
type activeJob struct {
	since  time.Time
	status *statusMessage
	park   context.CancelCauseFunc
}

type result struct {
	j   job
	err error
}

func newWorker(r *Router, run *runner) *worker {
	w := &worker{
		router: r, run: run, queue: r.queue, lg: r.lg, now: r.opts.Now,
		slots: r.opts.Workers, wedged: r.opts.Wedged,
		results: make(chan result, r.opts.Workers), active: map[int]*activeJob{},
		timerWake: make(chan struct{}, 1),
		nextSync:  firstSync(run.records, r.opts.Now()),
	}
	run.timerSet = w.timersChanged
	return w
}

// loop runs until ctx ends, then waits for the running commands to stop.
func (w *worker) loop(ctx context.Context) {
	var running sync.WaitGroup
	defer running.Wait()
	for {
		if w.upkeepDue() {
			if w.queue.busy() == 0 {
				w.upkeep(ctx)
			}
		} else {
			w.startReady(ctx, &running)
		}
		select {
		case <-ctx.Done():
			return
		case res := <-w.results:
			w.finished(ctx, res)
		case <-w.queue.signal:
		case <-w.timerWake:
		case <-w.nextTimer():
		case <-after(w.now(), w.held):
		case <-after(w.now(), w.catchUpRetryAt):
		case <-w.retryTimer():
		case <-w.quietTimer():
			w.quiet()
		}
	}
}

// startReady starts every job that may run, up to the free slots.
func (w *worker) startReady(ctx context.Context, running *sync.WaitGroup) {
	for w.queue.busy() < w.slots {
		j, ok := w.queue.pop(w.now(), w.allowed())
		if !ok {
			return
		}
		running.Add(1)
		go func() {
			defer running.Done()
			// process recovers a command's own panics; survive catches the
			// rest (fetching a resumed command, the reply), retried later.
			err := survive(w.lg, "command", func() error { return w.process(ctx, j) })
			w.results <- result{j, err}
		}()
	}
}

// finished takes a job's outcome: done, held by a flood wait, or failed
// and tried again later.
func (w *worker) finished(ctx context.Context, res result) {
	defer w.queue.done(res.j)
	w.ranSomething()
	var p *parked
	switch err := res.err; {
	case err == nil:
	case ctx.Err() != nil:
		// shutting down: the journal resumes it next start
	case w.holdIfFrozen(res.j, err):
	case errors.As(err, &p):
		if p.until.After(w.held) {
			w.held = p.until
		}
		w.lg.Warn("Command held for Telegram's flood wait", zap.Int("msg_id", res.j.msgID), zap.Time("until", p.until))
		w.queue.push(res.j)
	default:
		w.run.noteError(err)
		w.retryLater(ctx, res.j, err)
	}
}

// wedged is how long one command may run before the daemon counts as stuck
// (systemd's watchdog then restarts it): far above any real upload, and
// flood waits park the command instead of blocking.
const wedged = 15 * time.Minute // the default of Options.Wedged

// healthy reports that nothing the worker runs (a command, the timers, the
// check of the records) has been at it for longer than wedged.
func (w *worker) healthy() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, a := range w.active {
		if time.Since(a.since) >= w.wedged {
			return false
		}
	}
	return true
}

// begin notes that id runs, with the answer that shows its progress.
func (w *worker) begin(id int, a *statusMessage) {
	w.mu.Lock()
	w.active[id] = &activeJob{since: time.Now(), status: a}
	w.mu.Unlock()
}

func (w *worker) end(id int) {
	w.mu.Lock()
	delete(w.active, id)
	w.mu.Unlock()
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

// allowed picks what may run now: anything, or while a long flood wait
// holds the queue only commands that change nothing, so that order per
// contact is kept (a held /setphoto @a is never overtaken by /reset @a).
func (w *worker) allowed() func(job) bool {
	if !w.now().Before(w.held) {
		return nil
	}
	return func(j job) bool { return !j.changes() }
}

// after fires at t, or never when t is not after now.
func after(now, t time.Time) <-chan time.Time {
	if d := t.Sub(now); d > 0 {
		return time.After(d)
	}
	return nil
}

// parkable runs f for id with a context that a long flood wait cancels
// with a *parked cause, and returns that cause if it did.
func (w *worker) parkable(ctx context.Context, id int, f func(ctx context.Context)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	w.mu.Lock()
	if a := w.active[id]; a != nil {
		a.park = cancel
	}
	w.mu.Unlock()
	f(ctx)
	var p *parked
	if errors.As(context.Cause(ctx), &p) {
		return p
	}
	return ctx.Err()
}
