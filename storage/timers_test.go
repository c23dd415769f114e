package storage

import (
	"reflect"
	"testing"
	"time"
)

func timed(n int, at time.Time) PhotoEntry {
	e := entry(n)
	e.ExpiresAt = at
	return e
}

func nextTimer(t *testing.T, db *DB) (Timer, bool) {
	t.Helper()
	tm, found, err := db.NextTimer()
	if err != nil {
		t.Fatal(err)
	}
	return tm, found
}

// TestTimerIndexFollowsCurrent: the index always names the current entry's
// expiry, whatever changes the record.
func TestTimerIndexFollowsCurrent(t *testing.T) {
	db := openTest(t)
	if _, found := nextTimer(t, db); found {
		t.Fatal("fresh database has a timer")
	}
	at1, at2 := t0.Add(time.Hour), t0.Add(2*time.Hour)
	mustSet := func(user int64, e PhotoEntry) {
		t.Helper()
		if err := db.SetPhoto(user, "", e); err != nil {
			t.Fatal(err)
		}
	}
	mustSet(1, timed(1, at2))
	mustSet(2, timed(2, at1))
	if tm, _ := nextTimer(t, db); tm.UserID != 2 || !tm.At.Equal(at1) {
		t.Fatalf("next = %+v, want user 2 at %v", tm, at1)
	}
	mustSet(2, entry(3)) // a new photo without a timer replaces the timed one
	if tm, _ := nextTimer(t, db); tm.UserID != 1 || !tm.At.Equal(at2) {
		t.Fatalf("next = %+v, want user 1 at %v", tm, at2)
	}
	if err := db.ResetPhoto(1, t0); err != nil {
		t.Fatal(err)
	}
	if tm, found := nextTimer(t, db); found {
		t.Fatalf("timer %+v left after reset", tm)
	}
	db = reopen(t, db)
	mustSet(3, timed(4, at1))
	if err := db.StopTimer(3, 9999); err != nil { // another command's photo: no change
		t.Fatal(err)
	}
	if _, found := nextTimer(t, db); !found {
		t.Fatal("StopTimer for another command removed the timer")
	}
	if err := db.StopTimer(3, entry(4).CommandID); err != nil {
		t.Fatal(err)
	}
	if _, found := nextTimer(t, db); found {
		t.Fatal("StopTimer kept the timer")
	}
	if r, _, _ := db.Photo(3); r.Current == nil || !r.Current.ExpiresAt.IsZero() {
		t.Fatalf("StopTimer: current = %+v, want the photo without a timer", r.Current)
	}
}

// TestExpirePhoto: expiry restores the previous entry or resets, only while
// the timed photo is current, so a repeat after a crash changes nothing.
func TestExpirePhoto(t *testing.T) {
	db := openTest(t)
	at := t0.Add(time.Hour)
	if err := db.SetPhoto(1, "@a", entry(1)); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPhoto(1, "@a", timed(2, at)); err != nil {
		t.Fatal(err)
	}
	restored := entry(1)
	restored.PhotoID = 77
	for range 2 {
		if err := db.ExpirePhoto(1, entry(2).CommandID, &restored, at); err != nil {
			t.Fatal(err)
		}
	}
	r, _, _ := db.Photo(1)
	if r.Current == nil || !reflect.DeepEqual(*r.Current, restored) || len(r.History) != 0 {
		t.Fatalf("after expiry: %+v, want the restored entry and no history", r)
	}
	if _, found := nextTimer(t, db); found {
		t.Fatal("timer left after expiry")
	}

	if err := db.SetPhoto(2, "@b", timed(3, at)); err != nil {
		t.Fatal(err)
	}
	if err := db.ExpirePhoto(2, entry(3).CommandID, nil, at); err != nil {
		t.Fatal(err)
	}
	r, _, _ = db.Photo(2)
	if r.Current != nil || !r.ResetAt.Equal(at) || len(r.History) != 0 {
		t.Fatalf("after expiry without history: %+v, want reset and the timed photo forgotten, as /undo does", r)
	}

	// After a reset, a timed photo's expiry goes back to no photo.
	if err := db.SetPhoto(3, "@c", entry(4)); err != nil {
		t.Fatal(err)
	}
	if err := db.ResetPhoto(3, t0); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPhoto(3, "@c", timed(5, at)); err != nil {
		t.Fatal(err)
	}
	if err := db.ExpirePhoto(3, entry(5).CommandID, nil, at); err != nil {
		t.Fatal(err)
	}
	r, _, _ = db.Photo(3)
	if r.Current != nil || !r.ResetAt.Equal(at) || !reflect.DeepEqual(r.History, []PhotoEntry{entry(4)}) {
		t.Fatalf("expiry after a reset: %+v, want no photo and the photo before the reset", r)
	}
}

func TestDropTimer(t *testing.T) {
	db := openTest(t)
	at := t0.Add(time.Hour)
	if err := db.SetPhoto(1, "", timed(1, at)); err != nil {
		t.Fatal(err)
	}
	if err := db.DropTimer(Timer{UserID: 1, At: at}); err != nil {
		t.Fatal(err)
	}
	if _, found := nextTimer(t, db); found {
		t.Fatal("DropTimer kept the index entry")
	}
}
