package storage

import (
	"slices"
	"testing"
	"time"
)

// TestRepliesDeleted: deleting the reply of a running command renews it
// once, also when the edit's refusal renews it too; deleting a finished
// command's reply, or a message not ours, changes nothing.
func TestRepliesDeleted(t *testing.T) {
	db := openTest(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(errOnly(db.Begin(10, "/setphoto @alice", t0)))
	must(db.MarkProgress(10))
	must(db.SetReply(10, 11))
	must(errOnly(db.Begin(20, "/list", t0)))
	must(db.Finish(20, 21, "✅ done", t0.Add(time.Second)))

	for _, tt := range []struct {
		name string
		ids  []int
		want []int
	}{
		{"not ours", []int{99}, nil},
		{"a finished reply", []int{21}, nil},
		{"the running command's progress, among others", []int{99, 11, 21}, []int{10}},
		{"the same again", []int{11}, nil},
	} {
		got, err := db.RepliesDeleted(tt.ids...)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: RepliesDeleted(%v) = %v, want %v", tt.name, tt.ids, got, tt.want)
		}
	}
	e, _, err := db.Entry(10)
	must(err)
	if e.ReplyID != 0 || e.Progress || e.Renewed != 1 {
		t.Errorf("running command after its reply was deleted: reply %d progress %v renewed %d; want 0 false 1", e.ReplyID, e.Progress, e.Renewed)
	}
	if ours, _ := db.IsReply(11); ours {
		t.Error("the deleted reply is still indexed as ours")
	}
	// The refused edit of the same message, after the update: no second renewal.
	if e, err := db.RenewReply(10, 11); err != nil || e.Renewed != 1 {
		t.Errorf("RenewReply after RepliesDeleted = renewed %d, %v; want 1", e.Renewed, err)
	}
	done, _, err := db.Entry(20)
	must(err)
	if done.ReplyID != 21 || done.State != StateDone || done.Renewed != 0 {
		t.Errorf("finished command after its reply was deleted: %+v", done)
	}
	if ours, _ := db.IsReply(21); !ours {
		t.Error("a finished command's reply is no longer known as ours")
	}

	// A new progress message, then Telegram refuses to edit it: renewed again.
	must(db.MarkProgress(10))
	must(db.SetReply(10, 12))
	if e, err := db.RenewReply(10, 12); err != nil || e.Renewed != 2 || e.ReplyID != 0 {
		t.Errorf("RenewReply = %+v, %v; want renewed 2, no reply", e, err)
	}
}

func errOnly(_ bool, err error) error { return err }

// TestRenewUnjournalledReply: a progress message sent but whose id the
// daemon stopped before journalling, then deleted, is renewed by id 0;
// a command with no progress sent is not.
func TestRenewUnjournalledReply(t *testing.T) {
	db := openTest(t)
	if err := errOnly(db.Begin(10, "/setphoto @alice", t0)); err != nil {
		t.Fatal(err)
	}
	if e, err := db.RenewReply(10, 0); err != nil || e.Renewed != 0 {
		t.Fatalf("no progress sent: renewed %d, %v; want 0", e.Renewed, err)
	}
	if err := db.MarkProgress(10); err != nil {
		t.Fatal(err)
	}
	e, err := db.RenewReply(10, 0)
	if err != nil || e.Renewed != 1 || e.Progress {
		t.Fatalf("progress sent, id not journalled: renewed %d progress %v, %v; want 1 false", e.Renewed, e.Progress, err)
	}
}
