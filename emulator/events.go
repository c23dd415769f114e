package emulator

import (
	"context"
	"sync"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tgerr"
)

// EventKind tells RPCs from pushes.
type EventKind int

const (
	// EventRPC is a request from a client and the server's answer.
	EventRPC EventKind = iota + 1
	// EventPush is an update the server pushed to a session.
	EventPush
)

// Event is one entry of the emulator's log, for assertions and timing.
type Event struct {
	Seq      int
	Kind     EventKind
	DC       int // the DC the call came to or the push went out from
	Time     time.Time
	Duration time.Duration
	Method   string      // TL method name, e.g. "photos.uploadContactProfilePhoto"; empty for pushes
	UserID   int64       // the account, 0 before login
	Request  bin.Object  // the decoded request
	Result   bin.Encoder // the answer or the pushed updates; nil on error
	Err      *tgerr.Error
}

type eventLog struct {
	mu      sync.Mutex
	events  []Event
	changed chan struct{} // closed and replaced on every add
}

func newEventLog() *eventLog {
	return &eventLog{changed: make(chan struct{})}
}

func (l *eventLog) add(ev Event) {
	l.mu.Lock()
	ev.Seq = len(l.events) + 1
	l.events = append(l.events, ev)
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
}

func (l *eventLog) snapshot(from int) ([]Event, chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if from > len(l.events) {
		from = len(l.events)
	}
	return append([]Event(nil), l.events[from:]...), l.changed
}

// Events returns the log so far.
func (e *Emulator) Events() []Event {
	evs, _ := e.events.snapshot(0)
	return evs
}

// Calls returns the logged RPCs of one method, in order.
func (e *Emulator) Calls(method string) []Event {
	var out []Event
	for _, ev := range e.Events() {
		if ev.Kind == EventRPC && ev.Method == method {
			out = append(out, ev)
		}
	}
	return out
}

// WaitEvent blocks until an event with Seq > after satisfies match, and
// returns it; ctx bounds the wait.
func (e *Emulator) WaitEvent(ctx context.Context, after int, match func(Event) bool) (Event, error) {
	next := after
	for {
		evs, changed := e.events.snapshot(next)
		for _, ev := range evs {
			if match(ev) {
				return ev, nil
			}
			next = ev.Seq
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return Event{}, ctx.Err()
		}
	}
}

// LastSeq is the Seq of the newest event, to wait for what comes after it.
func (e *Emulator) LastSeq() int {
	e.events.mu.Lock()
	defer e.events.mu.Unlock()
	return len(e.events.events)
}
