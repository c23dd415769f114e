package handlers

import (
	"sync"

	"github.com/gotd/td/tg"
)

// job is one command to run; msg is nil when it must be fetched (resumed
// after a restart).
type job struct {
	msgID int
	msg   *tg.Message
	text  string // the command text, to tell read-only commands while others are held
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
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// pop removes and returns the oldest job that allow accepts (any job when
// allow is nil).
func (q *queue) pop(allow func(job) bool) (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	first := 0
	for id, j := range q.jobs {
		if (first == 0 || id < first) && (allow == nil || allow(j)) {
			first = id
		}
	}
	if first == 0 {
		return job{}, false
	}
	j := q.jobs[first]
	delete(q.jobs, first)
	return j, true
}

func (q *queue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.jobs)
}
