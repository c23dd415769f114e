package handlers

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestStatus: the account, the version, the records and the last error,
// without a call to Telegram.
func TestStatus(t *testing.T) {
	r, _, _ := newTestRunner(t)
	got := run(t, r, 1, "/status")
	for _, want := range []string{"✅ Persona is running", "account: Owner (id 1)", "version: test", "records: 0 contacts", "last error: none"} {
		if !strings.Contains(got, want) {
			t.Errorf("/status lacks %q:\n%s", want, got)
		}
	}
	r.noteError(errors.New("the network is down"))
	if got := run(t, r, 2, "/status"); !strings.Contains(got, "the network is down") {
		t.Errorf("/status after an error:\n%s", got)
	}
}

// TestStatusFrozen: while the account is frozen, /status says since when,
// that Persona tries again hourly, and where to turn; ❌ as it is a fault.
func TestStatusFrozen(t *testing.T) {
	r, _, _ := newTestRunner(t)
	r.frozen = &frozenState{}
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	r.frozen.set(now.Add(-2*time.Hour), now.Add(40*time.Minute))
	got := run(t, r, 1, "/status")
	for _, want := range []string{"❌ Persona is running", "account frozen by Telegram since 2026-03-04 08:00", "tries again hourly (next at 10:40 UTC)", "official Telegram app"} {
		if !strings.Contains(got, want) {
			t.Errorf("/status lacks %q:\n%s", want, got)
		}
	}
	r.frozen.set(time.Time{}, time.Time{})
	if got := run(t, r, 2, "/status"); strings.Contains(got, "frozen") {
		t.Errorf("/status after unfreezing:\n%s", got)
	}
}

// frozenRefusal stands for session.FrozenError.
type frozenRefusal struct{ next time.Time }

func (f frozenRefusal) Error() string          { return "account frozen" }
func (f frozenRefusal) FrozenSince() time.Time { return time.Time{} }
func (f frozenRefusal) FrozenUntil() time.Time { return f.next }

// TestFrozenUntil: the session's refusal, wrapped, and the cause a running
// command was stopped with, both hold the command; a flood wait does not.
func TestFrozenUntil(t *testing.T) {
	next := time.Date(2026, 3, 4, 11, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		err    error
		frozen bool
	}{
		{fmt.Errorf("reply: %w", frozenRefusal{next}), true},
		{&parked{until: next, frozen: true}, true},
		{&parked{until: next}, false},
		{errors.New("engine closed"), false},
	} {
		until, frozen := frozenUntil(tt.err)
		if frozen != tt.frozen || (frozen && !until.Equal(next)) {
			t.Errorf("frozenUntil(%v) = %s, %v", tt.err, until, frozen)
		}
	}
}
