package storage

import (
	"testing"
	"time"
)

// TestHideAllRule: the standing rule is kept across a reopen and ended by
// the zero time; ending it twice is no error.
func TestHideAllRule(t *testing.T) {
	db := openTest(t)
	if _, on, err := db.HideAll(); err != nil || on {
		t.Fatalf("a fresh database: rule %v, %v", on, err)
	}
	since := time.Date(2026, 12, 7, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	must(t, db.SetHideAll(since))
	db = reopen(t, db)
	got, on, err := db.HideAll()
	if err != nil || !on || !got.Equal(since) {
		t.Fatalf("after a reopen: %v %v %v, want %v", got, on, err, since)
	}
	must(t, db.SetHideAll(time.Time{}))
	must(t, db.SetHideAll(time.Time{}))
	if _, on, err := db.HideAll(); err != nil || on {
		t.Fatalf("ended: rule %v, %v", on, err)
	}
}
