package emulator

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gotd/td/tgerr"
)

// faults are errors and delays injected per method on demand.
type faults struct {
	mu     sync.Mutex
	errs   map[string][]*tgerr.Error
	delays map[string]time.Duration
	// singleUse makes an uploaded file good for one request only.
	singleUse bool
	limits    limits // flood limits per account and method (Limit)
	refusals  []*refusal
	held      map[string]int // calls a Delay has held so far, per method
	heldMore  chan struct{}  // closed and replaced when one more is held
	frozen    map[int64]bool // accounts Telegram has frozen (FreezeAccount)
}

func newFaults() *faults {
	return &faults{errs: map[string][]*tgerr.Error{}, delays: map[string]time.Duration{}, held: map[string]int{}, heldMore: make(chan struct{}), frozen: map[int64]bool{}}
}

// hold counts a call of method that a Delay holds.
func (f *faults) hold(method string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.held[method]++
	close(f.heldMore)
	f.heldMore = make(chan struct{})
}

func (f *faults) take(method string) *tgerr.Error {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.errs[method]
	if len(q) == 0 {
		return nil
	}
	f.errs[method] = q[1:]
	return q[0]
}

func (f *faults) delay(method string) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.delays[method]
}

// Fail makes the next n calls of method answer err. Method is the TL name,
// e.g. "photos.uploadContactProfilePhoto".
func (e *Emulator) Fail(method string, err *tgerr.Error, n int) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	for range n {
		e.faults.errs[method] = append(e.faults.errs[method], err)
	}
}

// ClearFaults drops every pending injected error and delay.
func (e *Emulator) ClearFaults() {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.errs = map[string][]*tgerr.Error{}
	e.faults.delays = map[string]time.Duration{}
	e.faults.refusals = nil
}

// Delay holds every answer to method for d; zero removes the delay.
func (e *Emulator) Delay(method string, d time.Duration) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	if d <= 0 {
		delete(e.faults.delays, method)
		return
	}
	e.faults.delays[method] = d
}

func (e *Emulator) faultTimer(d time.Duration) <-chan time.Time { return time.After(d) }

// Held is how many calls of method a Delay has held so far, answered or
// not; WaitHeld waits for the next.
func (e *Emulator) Held(method string) int {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	return e.faults.held[method]
}

// WaitHeld blocks until a Delay has held more than n calls of method: the
// latest is then in flight, its answer not sent yet. ctx bounds the wait.
func (e *Emulator) WaitHeld(ctx context.Context, method string, n int) error {
	for {
		e.faults.mu.Lock()
		held, more := e.faults.held[method], e.faults.heldMore
		e.faults.mu.Unlock()
		if held > n {
			return nil
		}
		select {
		case <-more:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// FloodWait is Telegram's FLOOD_WAIT_X error.
func FloodWait(seconds int) *tgerr.Error {
	return tgerr.New(420, fmt.Sprintf("FLOOD_WAIT_%d", seconds))
}

// Internal is Telegram's transient INTERNAL server error.
func Internal() *tgerr.Error { return tgerr.New(500, "INTERNAL") }

// Disconnect closes every connection of the account's auth keys, as a
// network outage would. The clients keep their keys and reconnect.
func (e *Emulator) Disconnect(userID int64) {
	for _, s := range e.sessionsOf(userID) {
		e.disconnect(s)
	}
}

func (e *Emulator) disconnect(s liveSession) {
	if d := e.dcByID(s.dc); d != nil {
		d.srv.ForceDisconnect(s.Session)
	}
}

// Revoke unbinds every auth key of the account, as "terminate all sessions"
// in another app would: their calls then get AUTH_KEY_UNREGISTERED.
func (e *Emulator) Revoke(userID int64) {
	sessions := e.sessionsOf(userID)
	e.mu.Lock()
	for k, uid := range e.world.keys {
		if uid == userID {
			delete(e.world.keys, k)
			delete(e.world.imported, k)
		}
	}
	e.mu.Unlock()
	for _, s := range sessions {
		e.disconnect(s)
	}
}

// StartOver empties the account's message box and forgets its auth keys,
// as a test server that was wiped and set up again with the same account
// would: message ids and pts begin again at 1, and the account must log in
// anew. The real Telegram never does this to an account; Telegram's test
// DCs and a restarted emulator do.
func (e *Emulator) StartOver(userID int64) {
	e.Revoke(userID)
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.world.boxes, userID)
}
