package e2e_test

import (
	"context"
	"testing"
	"time"
)

// deadlineMargin is how long before the test binary's deadline a wait gives
// up: time to fail with the daemon's log instead of the binary's panic.
const deadlineMargin = 20 * time.Second

// patience bounds a wait for something that must happen. It has no bound
// of its own, so that a slow, loaded machine is never taken for a hang: it
// ends shortly before the test binary's deadline (go test -timeout), and
// never without one, as for a benchmark.
func patience(t testing.TB) (context.Context, context.CancelFunc) {
	if dt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if deadline, ok := dt.Deadline(); ok {
			return context.WithDeadline(context.Background(), deadline.Add(-deadlineMargin))
		}
	}
	return context.WithCancel(context.Background())
}

// eventually polls cond until it holds. If it never does within patience,
// the test fails with what failure() says.
func eventually(t testing.TB, cond func() bool, failure func() string) {
	t.Helper()
	eventuallyEvery(t, 10*time.Millisecond, cond, failure)
}

// eventuallyEvery is eventually for a cond too costly to poll often.
func eventuallyEvery(t testing.TB, every time.Duration, cond func() bool, failure func() string) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-ctx.Done():
			t.Fatal(failure())
		}
	}
}
