package handlers

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// queue hands out jobs lowest message id first: commands run in the order
// they were written, also when a restart resumes old ones beside new ones.
// Several run at once when they touch different contacts.
type queue struct {
	mu      sync.Mutex
	jobs    map[int]job
	running map[int]job
	signal  chan struct{}
}

func newQueue() *queue {
	return &queue{jobs: map[int]job{}, running: map[int]job{}, signal: make(chan struct{}, 1)}
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

// pop takes the oldest job that may start at now and marks it running. A
// job may start when it is due, allow accepts it (any when allow is nil),
// and no job before it or running is in its way (inTheWay).
func (q *queue) pop(now time.Time, allow func(job) bool) (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := slices.Sorted(maps.Keys(q.jobs))
	// A bulk job that yielded comes after every other job.
	slices.SortStableFunc(ids, func(a, b int) int { return compareBool(q.jobs[a].yielded, q.jobs[b].yielded) })
	var before []queued // the jobs ahead of the one looked at
	for _, j := range q.running {
		before = append(before, queued{j, true})
	}
	for _, id := range ids {
		j := q.jobs[id]
		ready := !j.due.After(now) && (allow == nil || allow(j))
		if ready && !inTheWay(before, j) && !(j.yielded && anyActive(before)) {
			delete(q.jobs, id)
			q.running[id] = j
			return j, true
		}
		before = append(before, queued{j, ready})
	}
	return job{}, false
}

// done marks a running job finished, whatever its outcome.
func (q *queue) done(j job) {
	q.mu.Lock()
	delete(q.running, j.msgID)
	q.mu.Unlock()
	q.wake()
}

// busy is how many jobs run.
func (q *queue) busy() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.running)
}

// queued is a job ahead of another, and whether it runs or could now.
type queued struct {
	job
	active bool
}

// inTheWay reports whether a job ahead must finish before j starts: one
// that changes a contact j changes, even while it waits for its retry; or,
// while it runs or could, one that changes records j reads, or reads
// records j changes (/list never checks records a command is changing).
func inTheWay(ahead []queued, j job) bool {
	for _, a := range ahead {
		switch {
		case a.changes() && j.changes() && shareKey(a.keys, j.keys):
			return true
		case a.active && (a.changes() && j.reads() || a.reads() && j.changes()):
			return true
		}
	}
	return false
}

// anyActive reports whether a job ahead runs or could run now: a bulk job
// that yielded waits for all of them.
func anyActive(ahead []queued) bool {
	return slices.ContainsFunc(ahead, func(a queued) bool { return a.active })
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// othersWaiting reports whether a job other than a yielded bulk job is
// queued and due: a bulk job gives way to it (bulk.go).
func (q *queue) othersWaiting(now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, j := range q.jobs {
		if !j.yielded && !j.due.After(now) {
			return true
		}
	}
	return false
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
