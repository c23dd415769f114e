package handlers

import (
	"context"
	"testing"
	"time"
)

// deadlineMargin is how long before the test binary's deadline a wait gives
// up: time to fail with its own message instead of the binary's panic.
const deadlineMargin = 5 * time.Second

// eventually polls cond until it holds, and fails the test with what
// failure() says if it still does not shortly before the test binary's
// deadline (go test -timeout). It has no bound of its own, so that a slow,
// loaded machine is never taken for a failure.
func eventually(t *testing.T, cond func() bool, failure func() string) {
	t.Helper()
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-deadlineMargin))
		defer cancel()
	}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-ctx.Done():
			t.Fatal(failure())
		}
	}
}
