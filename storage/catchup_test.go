package storage

import "testing"

func TestFloor(t *testing.T) {
	db := openTest(t)
	check := func(step string, want int, wantFound bool) {
		t.Helper()
		got, found, err := db.Floor()
		if err != nil || got != want || found != wantFound {
			t.Errorf("%s: Floor() = %d, %v, %v; want %d, %v", step, got, found, err, want, wantFound)
		}
	}
	check("fresh database", 0, false)
	if err := db.RaiseFloor(0); err != nil {
		t.Fatal(err)
	}
	check("first start on empty Saved Messages", 0, true)
	if err := db.RaiseFloor(40); err != nil {
		t.Fatal(err)
	}
	if err := db.RaiseFloor(30); err != nil {
		t.Fatal(err)
	}
	check("never lowered", 40, true)
	if _, err := db.Begin(45, "/help", t0); err != nil {
		t.Fatal(err)
	}
	check("a command journalled above it", 45, true)
	if err := db.ForgetJournal(); err != nil {
		t.Fatal(err)
	}
	check("a server that started over", 0, false)
}

func TestCatchUpKeepsTheFloorOfItsMoment(t *testing.T) {
	db := openTest(t)
	if err := db.RaiseFloor(10); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCatchUp(true); err != nil {
		t.Fatal(err)
	}
	// Messages after the skipped updates raise the floor; a second
	// differenceTooLong before the catch-up ran keeps the first floor.
	if err := db.RaiseFloor(50); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCatchUp(true); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	if from, found, err := db.CatchUpFrom(); err != nil || !found || from != 10 {
		t.Errorf("CatchUpFrom() = %d, %v, %v; want 10", from, found, err)
	}
	if err := db.SetCatchUp(false); err != nil {
		t.Fatal(err)
	}
	if pending, err := db.CatchUpPending(); err != nil || pending {
		t.Errorf("CatchUpPending() after the catch-up = %v, %v", pending, err)
	}
	if err := db.SetCatchUp(true); err != nil {
		t.Fatal(err)
	}
	if from, _, _ := db.CatchUpFrom(); from != 50 {
		t.Errorf("the next catch-up reads back to %d, want 50", from)
	}
}

func TestCatchUpRecordedByAnOlderVersion(t *testing.T) {
	db := openTest(t)
	if _, err := db.Begin(7, "/help", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta(metaCatchUp, "1"); err != nil {
		t.Fatal(err)
	}
	if from, found, err := db.CatchUpFrom(); err != nil || !found || from != 7 {
		t.Errorf("CatchUpFrom() = %d, %v, %v; want the high water 7", from, found, err)
	}
}
