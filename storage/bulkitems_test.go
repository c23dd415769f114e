package storage

import (
	"strings"
	"testing"
	"time"
)

// TestStartBulkItems: items written with their states (an /import's cards
// skipped by its rules) are read back as written, a long line cut, and a
// step keeps its tally in the item, not in the journal entry.
func TestStartBulkItems(t *testing.T) {
	db := openTest(t)
	items := []BulkItem{
		{Index: 0, Contact: Contact{ID: 1, Phone: "15550002222"}, State: BulkToDo},
		{Index: 1, State: BulkSkipped, Tally: "no photo", Line: "card 2: " + strings.Repeat("x", 1000)},
	}
	if started, err := db.StartBulkItems(BulkJob{MsgID: 10}, items); err != nil || !started {
		t.Fatalf("StartBulkItems = %v, %v", started, err)
	}
	step := Step{MsgID: 10, Index: 0, OK: true, Tally: "set", Line: "card 1: set", Bulk: true}
	if err := db.SetPhoto(1, "A", PhotoEntry{Kind: "vcard", CommandID: 10, SetAt: time.Now()}, step); err != nil {
		t.Fatal(err)
	}
	_, got, _, err := db.Bulk(10)
	if err != nil || len(got) != 2 {
		t.Fatalf("Bulk = %d items, %v", len(got), err)
	}
	if got[0].State != BulkDone || got[0].Tally != "set" || got[0].Contact.Phone != "15550002222" {
		t.Errorf("item 0 = %+v, want done, set, with its phone", got[0])
	}
	if got[1].State != BulkSkipped || got[1].Tally != "no photo" || len(got[1].Line) > maxJournalOutcome {
		t.Errorf("item 1 = %+v, want skipped, no photo, its line cut", got[1])
	}
}
