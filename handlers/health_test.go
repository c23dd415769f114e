package handlers

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"

	"persona/storage"
)

// hanging is a Telegram that never answers: every call waits until the
// caller gives up.
type hanging struct{}

func (hanging) Invoke(ctx context.Context, _ bin.Encoder, _ bin.Decoder) error {
	<-ctx.Done()
	return ctx.Err()
}

// TestHealthyCountsAStuckWorker: a worker stuck in any step (here the check
// of the records with Telegram at start-up, before any command) is
// unhealthy once the step takes longer than Wedged, so systemd's watchdog
// restarts the daemon.
func TestHealthyCountsAStuckWorker(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "h.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	withRecord(false)(db)
	r := New(Options{DB: db, Wedged: 50 * time.Millisecond})
	if !r.Healthy() {
		t.Fatal("a router that has not started is unhealthy")
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); r.Wait() })
	if err := r.Start(ctx, tg.NewClient(hanging{}), &tg.User{ID: owner}, nil); err != nil {
		t.Fatal(err)
	}
	eventually(t, func() bool { return !r.Healthy() }, func() string {
		return "a worker stuck in the check of the records stays healthy"
	})
}
