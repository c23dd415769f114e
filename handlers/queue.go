package handlers

import (
	"slices"
	"sync"
	"time"

	"github.com/gotd/td/tg"
)

// job is one command to run; msg is nil when it must be fetched (resumed
// after a restart).
type job struct {
	msgID int
	msg   *tg.Message
	text  string // the command text, to tell read-only commands while others are held

	// A job that failed waits until due before it is tried again. keys
	// name the contacts it changes (none for read-only commands): a later
	// job for one of them waits behind it, so order per contact holds.
	due  time.Time
	keys []string
}

// queue hands out jobs lowest message id first: commands run in the order
// they were written, also when a restart resumes old ones beside new ones.
type queue struct {
	mu     sync.Mutex
	jobs   map[int]job
	signal chan struct{}
}

func newQueue() *queue {
	return &queue{jobs: map[int]job{}, signal: make(chan struct{}, 1)}
}

func (q *queue) push(j job) {
	q.mu.Lock()
	if old, ok := q.jobs[j.msgID]; !ok || old.msg == nil {
		q.jobs[j.msgID] = j
	}
	q.mu.Unlock()
	q.wake()
}

// wake makes the worker look at the queue again.
func (q *queue) wake() {
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// pop removes and returns the oldest job that may run at now: one that is
// due, that allow accepts (any when allow is nil), and that changes no
// contact an older job still waiting to be retried changes.
func (q *queue) pop(now time.Time, allow func(job) bool) (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := make([]int, 0, len(q.jobs))
	for id := range q.jobs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var waiting []string // keys of older jobs not yet due
	for _, id := range ids {
		j := q.jobs[id]
		if j.due.After(now) {
			waiting = append(waiting, j.keys...)
			continue
		}
		if shareKey(j.keys, waiting) || (allow != nil && !allow(j)) {
			continue
		}
		delete(q.jobs, id)
		return j, true
	}
	return job{}, false
}

// nextDue is when the earliest waiting job falls due; zero when none waits.
func (q *queue) nextDue(now time.Time) time.Time {
	q.mu.Lock()
	defer q.mu.Unlock()
	var next time.Time
	for _, j := range q.jobs {
		if j.due.After(now) && (next.IsZero() || j.due.Before(next)) {
			next = j.due
		}
	}
	return next
}

func shareKey(a, b []string) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}
