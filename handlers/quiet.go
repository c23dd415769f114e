package handlers

import "time"

// quietAfter is how long the worker waits, once it has nothing left to do,
// before it calls Options.OnQuiet. Commands come in bursts (a few within a
// minute, then nothing for hours); a minute without one ends the burst, and
// what the burst paged in and allocated can go back to the system. The
// next command pays for it only in page faults, milliseconds.
const quietAfter = time.Minute

// ranSomething notes that a command or the upkeep just ran: OnQuiet is due
// again once the worker has been quiet for QuietAfter.
func (w *worker) ranSomething() {
	if w.router.opts.OnQuiet != nil {
		w.quietAt = w.now().Add(w.router.opts.QuietAfter)
	}
}

// quietTimer fires once the worker has been quiet long enough; never while
// a command runs (its end starts the wait over) or when nothing ran since
// the last call.
func (w *worker) quietTimer() <-chan time.Time {
	if w.quietAt.IsZero() || w.router.queue.busy() > 0 {
		return nil
	}
	return time.After(max(w.quietAt.Sub(w.now()), 0))
}

// quiet calls OnQuiet, off the worker's loop: what it does (a garbage
// collection, madvise) must not hold up a command that comes meanwhile.
func (w *worker) quiet() {
	w.quietAt = time.Time{}
	onQuiet := w.router.opts.OnQuiet
	go func() {
		_ = survive(w.lg, "release after work", func() error { onQuiet(); return nil })
	}()
}
