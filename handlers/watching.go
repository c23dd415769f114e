package handlers

import (
	"sync"
	"sync/atomic"
	"time"
)

// watching.go: what the worker's upkeep has to do for the watched
// contacts, as the commands and the update goroutine tell it.

// watchFlags say which of the watches' upkeep may be due. Set from any
// goroutine; the worker's upkeep reads and clears them.
type watchFlags struct {
	notices  atomic.Bool  // notices may be waiting to be sent
	noticeAt atomic.Int64 // not before this (Unix nanoseconds), after a failure
	copies   atomic.Bool  // photos may be waiting to be archived
	copyAt   atomic.Int64 // no archiving before this (Unix nanoseconds): the pace
	checkAt  atomic.Int64 // the next check of every watched contact; 0: at start

	mu     sync.Mutex
	failed map[int64]bool // copies that failed in this run: not tried again till the next check
	todo   []int64        // watches needing a copy, read once, taken one at a time
}

// newWatchFlags: at start, notices a previous run left are sent, copies
// still missing are made, and every watched contact is checked.
func newWatchFlags() *watchFlags {
	f := &watchFlags{}
	f.notices.Store(true)
	f.copies.Store(true)
	return f
}

func (f *watchFlags) noticesDue() {
	if f != nil {
		f.notices.Store(true)
	}
}

func (f *watchFlags) copiesDue() {
	if f != nil {
		f.copies.Store(true)
	}
}

// checkSoon makes the check of every watched contact due now: after
// `/watch all` it looks at the unseen watches 100 a call, before the copies
// look at them one by one.
func (f *watchFlags) checkSoon() {
	if f != nil {
		f.checkAt.Store(0)
	}
}

func (f *watchFlags) copyFailed(id int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failed == nil {
		f.failed = map[int64]bool{}
	}
	f.failed[id] = true
}

func (f *watchFlags) hasFailed(id int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed[id]
}

// forgetFailures lets a check try the failed copies again.
func (f *watchFlags) forgetFailures() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.failed)
}

// wakeAt is when the watches' upkeep next has something to do; zero when
// nothing waits. The check of every watched contact waits for a catch-up
// (catchUp): at start it comes after it.
func (f *watchFlags) wakeAt(catchUp bool) time.Time {
	var at time.Time
	consider := func(on bool, t int64) {
		if on && (at.IsZero() || time.Unix(0, t).Before(at)) {
			at = time.Unix(0, t)
		}
	}
	consider(f.notices.Load(), f.noticeAt.Load())
	consider(f.copies.Load(), f.copyAt.Load())
	consider(!catchUp, f.checkAt.Load())
	return at
}

// queue holds the watches needing a copy, to be taken one at a time.
func (f *watchFlags) queue(ids []int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.todo = append(f.todo, ids...)
}

func (f *watchFlags) pop() (int64, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.todo) == 0 {
		return 0, false
	}
	id := f.todo[0]
	f.todo = f.todo[1:]
	return id, true
}
