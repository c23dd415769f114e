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
	lg     *zap.Logger
	inbox
	running
	schedule
}

// inbox is what other goroutines hand the worker's loop.
type inbox struct {
	results chan result // one per finished job
	checks  userChecks  // contacts updateUser named, to check with Telegram
}

// schedule is when the loop does what; only the loop touches it.
type schedule struct {
	held           time.Time // until then only commands that change nothing run
	nextSync       time.Time // when the records are next checked with Telegram
	nextRule       time.Time // when the standing /hide all rule is next applied; zero: at the start
	timerRetryAt   time.Time // no timers before this, after a failure
	catchUpRetryAt time.Time // no catch-up before this, after a failure
	quietAt        time.Time // when to call OnQuiet, if nothing runs till then; zero: not due
}

// upkeepID marks the worker's own step in active.
const upkeepID = -1

type result struct {
	j   job
	err error
}

func newWorker(r *Router, run *runner) *worker {
	w := &worker{
		router: r, run: run, lg: r.lg,
		inbox:    inbox{results: make(chan result, r.opts.Workers)},
		running:  running{active: map[int]*activeJob{}, wedged: r.opts.Wedged},
		schedule: schedule{nextSync: firstSync(run.records, r.opts.Now())},
	}
	run.timerSet = w.timersChanged
	run.othersWaiting = func() bool { return r.queue.othersWaiting(r.opts.Now()) }
	return w
}

func (w *worker) now() time.Time { return w.router.opts.Now() }

// loop runs until ctx ends, then waits for the running commands to stop.
func (w *worker) loop(ctx context.Context) {
	var running sync.WaitGroup
	defer running.Wait()
	for {
		if w.upkeepDue() {
			if w.router.queue.busy() == 0 {
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
		case <-w.router.queue.signal: // a job queued or done, or the timers changed
		case <-alarm(w.now(), w.wakeAt()):
		case <-w.quietTimer():
			w.quiet()
		}
	}
}

// startReady starts every job that may run, up to the free slots.
func (w *worker) startReady(ctx context.Context, running *sync.WaitGroup) {
	for w.router.queue.busy() < w.router.opts.Workers {
		j, ok := w.router.queue.pop(w.now(), w.allowed())
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
	defer w.router.queue.done(res.j)
	w.ranSomething()
	var p *parked
	switch err := res.err; {
	case err == nil:
	case errors.Is(err, errYield):
		res.j.yielded = true
		w.router.queue.push(res.j)
	case ctx.Err() != nil:
		// shutting down: the journal resumes it next start
	case w.holdIfFrozen(res.j, err):
	case errors.As(err, &p):
		if p.until.After(w.held) {
			w.held = p.until
		}
		w.lg.Warn("Command held for Telegram's flood wait", zap.Int("msg_id", res.j.msgID), zap.Time("until", p.until))
		w.router.queue.push(res.j)
	default:
		w.run.noteError(err)
		w.retryLater(ctx, res.j, err)
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

// wakeAt is when the loop must look again though nothing arrived: the
// next timer or check, the end of a flood wait, the next try of a catch-up
// or of a failed command. Zero when nothing waits.
func (w *worker) wakeAt() time.Time {
	now := w.now()
	at := w.nextTimerAt()
	for _, t := range []time.Time{w.held, w.catchUpRetryAt, w.router.queue.nextDue(now), w.watchWakeAt()} {
		if t.After(now) && (at.IsZero() || t.Before(at)) {
			at = t
		}
	}
	return at
}

// alarm fires at t, at once when t has passed, and never when t is zero.
func alarm(now, t time.Time) <-chan time.Time {
	if t.IsZero() {
		return nil
	}
	return time.After(t.Sub(now))
}
