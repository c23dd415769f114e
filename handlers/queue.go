package handlers

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
)

// job is one command to run, parsed once when it is queued.
type job struct {
	msgID int
	msg   *tg.Message // nil when it must be fetched (resumed after a restart)
	cmd   command.Command
	bad   error    // why the text is no valid command: its answer is this error
	h     *handler // nil when bad

	// A job that failed waits until due before it is tried again.
	due time.Time
	// keys name the contacts the job changes (none when it changes
	// nothing): a later job for one of them waits behind it, so order per
	// contact holds.
	keys []string
}

func (j job) changes() bool { return j.h != nil && j.h.changes }
func (j job) reads() bool   { return j.h != nil && j.h.reads }

// parsed is a message's text read as a command: the command, or the
// user's mistake in it.
type parsed struct {
	cmd command.Command
	err error
}

// parse reads text as a command; ok is false when it is none at all.
func (r *Router) parse(text string) (p parsed, ok bool) {
	p.cmd, ok, p.err = catalogue().Parse(text, r.opts.Prefix)
	return p, ok
}

// newJob makes the job of a command, with the contacts it changes.
func (r *Router) newJob(msgID int, p parsed, msg *tg.Message) job {
	j := job{msgID: msgID, msg: msg}
	if p.err != nil {
		j.bad = p.err
		return j
	}
	h := registry[p.cmd.Name]
	j.cmd, j.h = p.cmd, &h
	j.keys = r.contactKeys(j)
	return j
}

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
	var before []queued // the jobs ahead of the one looked at
	for _, j := range q.running {
		before = append(before, queued{j, true})
	}
	for _, id := range ids {
		j := q.jobs[id]
		ready := !j.due.After(now) && (allow == nil || allow(j))
		if ready && !inTheWay(before, j) {
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

// unresolved starts the key of a target the peer cache did not know when
// its command was queued, followed by how it was typed.
const unresolved = "unresolved:"

// shareKey reports whether a and b may name a contact in common: the same
// key; "all" (a change with no target), in common with every contact; or
// two targets not known yet and typed in different ways ("@carol" and her
// id), which may be one contact.
func shareKey(a, b []string) bool {
	if slices.Contains(a, allContacts) || slices.Contains(b, allContacts) {
		return true
	}
	for _, k := range a {
		kind, isUnresolved := strings.CutPrefix(k, unresolved)
		if !isUnresolved && slices.Contains(b, k) {
			return true
		}
		if isUnresolved && slices.ContainsFunc(b, func(o string) bool {
			other, ok := strings.CutPrefix(o, unresolved)
			return ok && other != kind
		}) {
			return true
		}
	}
	return false
}
