package storage

import (
	"reflect"
	"testing"
)

// TestSteps: a step is saved with the photo change in one transaction, the
// first outcome of a target wins, and Finish clears them.
func TestSteps(t *testing.T) {
	db := openTest(t)
	if err := db.RecordStep(Step{MsgID: 5, Index: 0, OK: true, Line: "x"}); err == nil {
		t.Fatal("a step of a command never begun was recorded")
	}
	if _, err := db.Begin(5, "/setphoto @a @b", t0); err != nil {
		t.Fatal(err)
	}
	set := Step{MsgID: 5, Index: 0, OK: true, Line: "@a: personal photo set"}
	if err := db.SetPhoto(1, "@a", entry(1), set); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordStep(Step{MsgID: 5, Index: 0, OK: false, Line: "later"}); err != nil {
		t.Fatal(err)
	}
	failed := Step{MsgID: 5, Index: 1, OK: false, Line: "@b is not in your contacts"}
	if err := db.RecordStep(failed); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	got, err := db.Steps(5)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]Step{0: set, 1: failed}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Steps = %+v, want %+v", got, want)
	}
	if err := db.Finish(5, 6, "✅ all 2 done", t0); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Steps(5); len(got) != 0 {
		t.Fatalf("steps kept after Finish: %+v", got)
	}
	if got, err := db.Steps(404); err != nil || len(got) != 0 {
		t.Fatalf("Steps of an unknown command = %v, %v", got, err)
	}
}
