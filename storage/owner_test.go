package storage

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestClaimOwner(t *testing.T) {
	db := openTest(t)
	dana := Owner{ID: 1, Name: "Dana"}
	if err := db.ClaimOwner(dana); err != nil {
		t.Fatalf("first claim: %v", err)
	}
	if err := db.ClaimOwner(dana); err != nil {
		t.Fatalf("same account again: %v", err)
	}
	err := db.ClaimOwner(Owner{ID: 2, Name: "Eve"})
	var other *OtherAccountError
	if !errors.As(err, &other) {
		t.Fatalf("another account: %v, want *OtherAccountError", err)
	}
	for _, want := range []string{"Dana (id 1)", "Eve (id 2)", "storage.path"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if err := db.ClaimOwner(dana); err != nil {
		t.Fatalf("the owner after a refused claim: %v", err)
	}
}

func TestRetryAndParts(t *testing.T) {
	db := openTest(t)
	if _, err := db.Begin(10, "/list", t0); err != nil {
		t.Fatal(err)
	}
	e, err := db.Retry(10, "reply: MESSAGE_TOO_LONG", t0, t0.Add(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	e, err = db.Retry(10, "reply: INTERNAL", t0.Add(3*time.Second), t0.Add(8*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if e.Attempts != 2 || !e.FailingSince.Equal(t0) || !e.NextTry.Equal(t0.Add(8*time.Second)) || e.LastError != "reply: INTERNAL" {
		t.Errorf("after two failures: %+v", e)
	}
	pending, err := db.Pending()
	if err != nil || len(pending) != 1 || pending[0].Attempts != 2 || !pending[0].NextTry.Equal(e.NextTry) {
		t.Fatalf("pending = %+v, %v: the retry state must survive a restart", pending, err)
	}
	if err := db.AddReplyParts(10, 21, 22); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(10, 20, "✅ list", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{20, 21, 22} {
		if ok, err := db.IsReply(id); err != nil || !ok {
			t.Errorf("IsReply(%d) = %v, %v; want every part known as ours", id, ok, err)
		}
	}
	if n, err := db.Prune(t0.Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("prune = %d, %v", n, err)
	}
	for _, id := range []int{20, 21, 22} {
		if ok, _ := db.IsReply(id); ok {
			t.Errorf("reply part %d still indexed after its command was pruned", id)
		}
	}
}

func TestForgetJournal(t *testing.T) {
	db := openTest(t)
	if _, err := db.Begin(3, "/status", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(3, 4, "✅", t0); err != nil {
		t.Fatal(err)
	}
	if err := db.ForgetJournal(); err != nil {
		t.Fatal(err)
	}
	if fresh, err := db.Begin(3, "/list", t0); err != nil || !fresh {
		t.Errorf("Begin(3) after ForgetJournal = %v, %v; want a fresh command", fresh, err)
	}
	if ok, _ := db.IsReply(4); ok {
		t.Error("reply 4 still indexed after ForgetJournal")
	}
}

// TestStoredOwner: nobody before the first claim, the claimant after it.
func TestStoredOwner(t *testing.T) {
	db := openTest(t)
	if o, ok, err := db.StoredOwner(); err != nil || ok {
		t.Fatalf("a new file has owner %+v (%v, %v)", o, ok, err)
	}
	if err := db.ClaimOwner(Owner{ID: 7, Name: "Alice"}); err != nil {
		t.Fatal(err)
	}
	if o, ok, err := db.StoredOwner(); err != nil || !ok || o.ID != 7 {
		t.Fatalf("owner %+v (%v, %v), want id 7", o, ok, err)
	}
}
