package handlers

import (
	"testing"
	"time"
)

// TestQueueWaitingJobKeepsOrderPerContact: a job waiting to be retried lets
// later jobs for other contacts and read-only ones run, and holds the ones
// for its own contacts until it is due.
func TestQueueWaitingJobKeepsOrderPerContact(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	q := newQueue()
	q.push(job{msgID: 10, keys: []string{"id:1"}, due: now.Add(time.Minute)}) // failed, waits
	q.push(job{msgID: 11, keys: []string{"id:1", "id:2"}})                    // shares alice
	q.push(job{msgID: 12, keys: []string{"id:3"}})                            // another contact
	q.push(job{msgID: 13})                                                    // read-only

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
		if j, ok := q.pop(later, nil); !ok || j.msgID != want {
			t.Fatalf("once due: popped %d (%v), want %d", j.msgID, ok, want)
		}
	}
}
