package handlers

import (
	"slices"
	"testing"
	"time"
)

// TestQueueWaitingJobKeepsOrderPerContact: a job waiting to be retried lets
// later jobs for other contacts and read-only ones run, and holds the ones
// for its own contacts until it is due.
func TestQueueWaitingJobKeepsOrderPerContact(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	q := newQueue()
	failed := change(10, "id:1")
	failed.due = now.Add(time.Minute)
	q.push(failed)                     // failed, waits
	q.push(change(11, "id:1", "id:2")) // shares alice
	q.push(change(12, "id:3"))         // another contact
	q.push(job{msgID: 13})             // changes nothing

	var got []int
	for {
		j, ok := q.pop(now, nil)
		if !ok {
			break
		}
		got = append(got, j.msgID)
	}
	if len(got) != 2 || got[0] != 12 || got[1] != 13 {
		t.Fatalf("popped %v while 10 waits, want [12 13]", got)
	}
	if next := q.nextDue(now); !next.Equal(now.Add(time.Minute)) {
		t.Errorf("nextDue = %v, want the waiting job's due time", next)
	}
	later := now.Add(time.Minute)
	for _, want := range []int{10, 11} {
		j, ok := q.pop(later, nil)
		if !ok || j.msgID != want {
			t.Fatalf("once due: popped %d (%v), want %d", j.msgID, ok, want)
		}
		if _, ok := q.pop(later, nil); ok {
			t.Fatalf("a job for the same contact started beside %d", want)
		}
		q.done(j)
	}
}

var (
	changer = &handler{changes: true}
	reader  = &handler{reads: true}
)

// change is a job that changes the contacts keys.
func change(id int, keys ...string) job { return job{msgID: id, h: changer, place: place{keys: keys}} }

// popAll starts every job that may start at now, in order.
func popAll(q *queue, now time.Time, allow func(job) bool) []int {
	var got []int
	for {
		j, ok := q.pop(now, allow)
		if !ok {
			return got
		}
		got = append(got, j.msgID)
	}
}

// TestQueueRunsContactsAtOnce: commands for different contacts start
// together; one for a contact already being changed waits for it.
func TestQueueRunsContactsAtOnce(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	q := newQueue()
	q.push(change(1, "id:1"))
	q.push(change(2, "id:2"))
	q.push(change(3, "id:1"))
	q.push(change(4, "id:3"))
	if got := popAll(q, now, nil); !slices.Equal(got, []int{1, 2, 4}) {
		t.Fatalf("started %v, want [1 2 4]: 3 waits for 1", got)
	}
	q.done(job{msgID: 2})
	if got := popAll(q, now, nil); len(got) != 0 {
		t.Fatalf("started %v after 2 ended; 3 still waits for 1", got)
	}
	q.done(job{msgID: 1})
	if got := popAll(q, now, nil); !slices.Equal(got, []int{3}) {
		t.Fatalf("started %v after 1 ended, want [3]", got)
	}
}

// TestQueueReadersAndChanges: /list never runs beside a change, in either
// order; /help, which reads no records, runs beside anything; a change
// with no target waits for every change before it.
func TestQueueReadersAndChanges(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	q := newQueue()
	q.push(change(1, "id:1"))
	q.push(job{msgID: 2, h: reader})
	q.push(change(3, "id:2"))
	q.push(job{msgID: 4})
	if got := popAll(q, now, nil); !slices.Equal(got, []int{1, 4}) {
		t.Fatalf("started %v, want [1 4]: the reader waits for 1, and 3 for the reader", got)
	}
	q.done(job{msgID: 1})
	if got := popAll(q, now, nil); !slices.Equal(got, []int{2}) {
		t.Fatalf("started %v, want [2]", got)
	}
	q.done(job{msgID: 2})
	q.push(change(5, allContacts))
	if got := popAll(q, now, nil); !slices.Equal(got, []int{3}) {
		t.Fatalf("started %v, want [3]: 5 changes every contact, so waits for 3", got)
	}
}

// TestQueueHeldChangesDoNotBlockReaders: while a flood wait holds the
// changes, /list still runs, and the held changes keep their order.
func TestQueueHeldChangesDoNotBlockReaders(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	q := newQueue()
	q.push(change(1, "id:1"))
	q.push(job{msgID: 2, h: reader})
	q.push(change(3, "id:1"))
	onlyReaders := func(j job) bool { return !j.changes() }
	if got := popAll(q, now, onlyReaders); !slices.Equal(got, []int{2}) {
		t.Fatalf("started %v while held, want [2]", got)
	}
	q.done(job{msgID: 2})
	if got := popAll(q, now, nil); !slices.Equal(got, []int{1}) {
		t.Fatalf("started %v after the hold, want [1]", got)
	}
}

// TestShareKey: one key in common, a change of every contact, or two
// contacts not known yet and typed in different ways share; two unknown
// usernames do not.
func TestShareKey(t *testing.T) {
	for _, tt := range []struct {
		a, b []string
		want bool
	}{
		{[]string{"username:alice"}, []string{"username:alice"}, true},
		{[]string{"username:alice"}, []string{"username:bob"}, false},
		{[]string{"username:alice"}, []string{allContacts}, true},
		{[]string{"username:carol", unresolved + "username"}, []string{"user id:7", unresolved + "user id"}, true},
		{[]string{"username:carol", unresolved + "username"}, []string{"username:dave", unresolved + "username"}, false},
		{[]string{"username:carol", unresolved + "username"}, []string{"user id:7", "username:dave"}, false},
	} {
		if got := shareKey(tt.a, tt.b); got != tt.want {
			t.Errorf("shareKey(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := shareKey(tt.b, tt.a); got != tt.want {
			t.Errorf("shareKey(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestQueuePopsOldestFirst(t *testing.T) {
	q := newQueue()
	for _, id := range []int{30, 10, 20} {
		q.push(job{msgID: id})
	}
	q.push(job{msgID: 10}) // a duplicate is one job
	var got []int
	for {
		j, ok := q.pop(time.Now(), nil)
		if !ok {
			break
		}
		got = append(got, j.msgID)
	}
	if len(got) != 3 || got[0] != 10 || got[1] != 20 || got[2] != 30 {
		t.Fatalf("popped %v, want [10 20 30]", got)
	}
}
