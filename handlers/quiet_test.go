package handlers

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestQuietAfterWork: OnQuiet is called once the worker has had nothing to
// do for QuietAfter since a command ran, once per burst: not at start when
// nothing ran, and not again until another command has.
func TestQuietAfterWork(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "q.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	withRecord(true)(db) // checked just now: no upkeep at start
	var calls atomic.Int32
	quiet := make(chan struct{}, 16)
	r := New(Options{DB: db, Version: "test", QuietAfter: 20 * time.Millisecond, OnQuiet: func() {
		calls.Add(1)
		quiet <- struct{}{}
	}})
	tgAPI := &panicky{}
	ctx, cancel := context.WithCancel(context.Background())
	if err := r.Start(ctx, tg.NewClient(tgAPI), &tg.User{ID: owner, FirstName: "Owner"}, nil); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			r.Wait()
		}
	}
	t.Cleanup(stop)

	for i, id := range []int{10, 11} {
		sendCommand(t, r, id, "/status")
		tgAPI.replyTo(t, id)
		<-quiet
		if got := calls.Load(); got != int32(i+1) {
			t.Fatalf("after command %d: OnQuiet called %d times, want %d", i+1, got, i+1)
		}
	}
	stop()
	if got := calls.Load(); got != 2 {
		t.Errorf("OnQuiet called %d times for two bursts, want 2", got)
	}
}
