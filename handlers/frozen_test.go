package handlers

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestFrozenHoldsUpkeep: while the account is frozen, a timer that is due
// waits for the next try, and the worker sleeps until then instead of
// waking at once over and over; unfrozen, it is due again.
func TestFrozenHoldsUpkeep(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	r := New(Options{DB: db, Now: func() time.Time { return now }})
	w := newWorker(r, &runner{account: account{self: &tg.User{ID: 1}}, stores: stores{records: db, timers: db}})
	w.nextSync = now.Add(time.Hour)
	due := storage.PhotoEntry{Kind: kindPhoto, CommandID: 5, SetAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute)}
	if err := db.SetPhoto(7, "@a", due); err != nil {
		t.Fatal(err)
	}
	if !w.upkeepDue() {
		t.Fatal("a due timer is not due")
	}
	r.OnFrozen(now.Add(-time.Minute), now.Add(time.Hour))
	if w.upkeepDue() {
		t.Fatal("upkeep due while the account is frozen")
	}
	if at := w.nextTimerAt(); !at.After(now) {
		t.Fatalf("the worker would wake at once (%v) for a timer it may not run", at)
	}
	r.OnUnfrozen()
	if !w.upkeepDue() {
		t.Fatal("the timer is not due after unfreezing")
	}
}
