package storage

import (
	"testing"
	"time"
)

// TestBulkJob: a bulk job's contacts go from to do to started to done or
// failed; the first outcome counts, a second start resumes, and finishing
// a job drops the finished one before it.
func TestBulkJob(t *testing.T) {
	db := openTest(t)
	contacts := []Contact{{ID: 1, FirstName: "A"}, {ID: 2, FirstName: "B"}, {ID: 3, FirstName: "C"}}
	if started, err := db.StartBulk(BulkJob{MsgID: 10, Skipped: map[string]int{"bots": 2}}, contacts); err != nil || !started {
		t.Fatalf("StartBulk = %v, %v", started, err)
	}
	if started, err := db.StartBulk(BulkJob{MsgID: 10}, contacts[:1]); err != nil || started {
		t.Fatalf("second StartBulk = %v, %v; want a resume", started, err)
	}
	if err := db.MarkBulkStarted(10, []int{0, 1}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPhoto(1, "A", PhotoEntry{Kind: "hidden", CommandID: 10, SetAt: time.Now()}, Step{MsgID: 10, Index: 0, OK: true, Line: "A hidden", Bulk: true}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Step{{MsgID: 10, Index: 1, Line: "B failed", Bulk: true}, {MsgID: 10, Index: 1, OK: true, Line: "again", Bulk: true}} {
		if err := db.RecordStep(s); err != nil {
			t.Fatal(err)
		}
	}
	job, items, found, err := db.Bulk(10)
	if err != nil || !found || job.Skipped["bots"] != 2 || len(items) != 3 {
		t.Fatalf("Bulk = %+v, %d items, %v, %v", job, len(items), found, err)
	}
	want := []string{BulkDone, BulkFailed, BulkToDo}
	for i, it := range items {
		if it.State != want[i] || it.Index != i || it.Contact.ID != int64(i+1) {
			t.Errorf("item %d = %+v, want state %s", i, it, want[i])
		}
	}
	if items[1].Line != "B failed" {
		t.Errorf("failed line %q, want the first outcome", items[1].Line)
	}
	for _, id := range []int{10, 20} {
		if _, err := db.StartBulk(BulkJob{MsgID: id}, contacts); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishBulk(id); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, found, _ := db.Bulk(10); found {
		t.Error("job 10 kept after job 20 finished")
	}
	if last, found, err := db.LastBulk(); err != nil || !found || last != 20 {
		t.Errorf("LastBulk = %d, %v, %v; want 20", last, found, err)
	}
}

// TestContactList: the list and its hash survive as saved.
func TestContactList(t *testing.T) {
	db := openTest(t)
	if _, found, err := db.ContactList(); err != nil || found {
		t.Fatalf("empty ContactList found=%v err=%v", found, err)
	}
	l := ContactList{Hash: 42, SavedCount: 1, Contacts: []Contact{{ID: 7, Personal: true, PhotoID: 9}}}
	if err := db.SaveContactList(l); err != nil {
		t.Fatal(err)
	}
	got, found, err := db.ContactList()
	if err != nil || !found || got.Hash != 42 || len(got.Contacts) != 1 || !got.Contacts[0].Personal {
		t.Fatalf("ContactList = %+v, %v, %v", got, found, err)
	}
}
