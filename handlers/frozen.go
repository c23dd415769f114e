package handlers

import (
	"sync"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"
)

// An account Telegram has frozen (README, "Alongside your other apps";
// docs/ARCHITECTURE.md, "420 is not always a flood wait") may not set photos nor send a reply; only the owner can end it, in an
// official app. The session refuses such calls itself and lets one an hour
// through to see whether it still is frozen. Here a command that met the
// refusal is held, not failed: it waits in the journal, no attempt is
// counted, and it runs again at the next try.

// frozenAccount is the session's error for a call refused because the
// account is frozen (session.FrozenError), known by what it tells.
type frozenAccount interface {
	error
	FrozenSince() time.Time
	FrozenUntil() time.Time
}

// frozenState is the account's state as the session last told it.
type frozenState struct {
	mu          sync.Mutex
	since, next time.Time // since is zero when not frozen
}

func (f *frozenState) set(since, next time.Time) {
	f.mu.Lock()
	f.since, f.next = since, next
	f.mu.Unlock()
}

func (f *frozenState) get() (since, next time.Time, frozen bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.since, f.next, !f.since.IsZero()
}

// waiting reports whether now is before the next try of a frozen account:
// work that would only be refused waits.
func (f *frozenState) waiting(now time.Time) bool {
	_, next, frozen := f.get()
	return frozen && now.Before(next)
}

// statusLine is /status's line about the freeze; empty when not frozen.
func (f *frozenState) statusLine(now time.Time) string {
	since, next, frozen := f.get()
	if !frozen {
		return ""
	}
	return "account frozen by Telegram since " + since.Format(timeFormat) + "; Persona tries again hourly (next at " +
		clockTime(now, next) + ") and keeps the commands written meanwhile; see an official Telegram app"
}

// OnFrozen implements session.FrozenNotifier: the commands running stop
// and wait for the next try, as they would only be refused.
func (r *Router) OnFrozen(since, next time.Time) {
	r.frozen.set(since, next)
	if w := r.worker.Load(); w != nil {
		w.holdFrozen(next)
	}
}

// OnUnfrozen implements session.FrozenNotifier.
func (r *Router) OnUnfrozen() {
	r.frozen.set(time.Time{}, time.Time{})
	r.queue.wake()
}

// holdFrozen stops every running command's work, as park does for a flood
// wait, without a notice: a frozen account cannot send one.
func (w *worker) holdFrozen(until time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, a := range w.active {
		if a.park != nil {
			a.park(&parked{until: until, frozen: true})
		}
	}
}

// holdIfFrozen queues a command that stopped because the account is frozen
// again for the next try, without counting an attempt, and says whether
// it did. The session has logged the freeze once; each command is not.
func (w *worker) holdIfFrozen(j job, err error) bool {
	until, frozen := frozenUntil(err)
	if !frozen {
		return false
	}
	w.lg.Debug("Command waits: the account is frozen", zap.Int("msg_id", j.msgID), zap.Time("until", until))
	j.due = until
	w.router.queue.push(j)
	return true
}

// frozenUntil reports whether a command stopped because the account is
// frozen, and until when it waits.
func frozenUntil(err error) (time.Time, bool) {
	var p *parked
	if errors.As(err, &p) && p.frozen {
		return p.until, true
	}
	var f frozenAccount
	if errors.As(err, &f) {
		return f.FrozenUntil(), true
	}
	return time.Time{}, false
}
