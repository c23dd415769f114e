package sdnotify

import (
	"context"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

const tick = 50 * time.Millisecond // half of WATCHDOG_USEC=100000

func TestWatchdogPingsOnlyWhileHealthy(t *testing.T) {
	sd := listen(t, 100000)
	n := New(zaptest.NewLogger(t))
	if got := n.WatchdogInterval(); got != 100*time.Millisecond {
		t.Fatalf("interval %v, want 100ms", got)
	}
	var healthy atomic.Bool
	healthy.Store(true)
	checked := make(chan bool, 100)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Watchdog(ctx, func() bool {
			ok := healthy.Load()
			select {
			case checked <- ok:
			default:
			}
			return ok
		})
	}()
	defer func() { cancel(); <-done }()

	for range 3 {
		sd.expect("WATCHDOG=1")
	}

	healthy.Store(false)
	waitCheck(t, checked, false)
	sd.drain() // pings sent before the switch
	sd.expectNone(4 * tick)
	waitCheck(t, checked, false) // still being asked, still silent

	healthy.Store(true)
	sd.expect("WATCHDOG=1")
	sd.expect("WATCHDOG=1")

	cancel()
	select {
	case <-done:
	case <-beforeDeadline(t):
		t.Fatal("Watchdog did not return after cancel")
	}
	sd.drain()
	sd.expectNone(3 * tick)
}

// waitCheck waits for healthy() to have been asked and answered want.
func waitCheck(t *testing.T, checked <-chan bool, want bool) {
	t.Helper()
	deadline := beforeDeadline(t)
	for {
		select {
		case ok := <-checked:
			if ok == want {
				return
			}
		case <-deadline:
			t.Fatalf("healthy() never answered %v", want)
		}
	}
}

func TestWatchdogOff(t *testing.T) {
	for _, tt := range []struct {
		name      string
		usec, pid string
	}{
		{"no WATCHDOG_USEC", "", ""},
		{"another pid", "100000", strconv.Itoa(os.Getpid() + 1)},
		{"bad WATCHDOG_USEC", "soon", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sd := listen(t, 0)
			t.Setenv("WATCHDOG_USEC", tt.usec)
			t.Setenv("WATCHDOG_PID", tt.pid)
			n := New(zaptest.NewLogger(t))
			returnsAtOnce(t, n)
			sd.expectNone(3 * tick)
		})
	}
}

// returnsAtOnce fails unless Watchdog returns without waiting for ctx.
func returnsAtOnce(t *testing.T, n *Notifier) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context()) // ends only after the wait
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Watchdog(ctx, func() bool { return true })
	}()
	select {
	case <-done:
	case <-beforeDeadline(t):
		t.Fatal("Watchdog waited for ctx although the watchdog is off")
	}
}

// beforeDeadline fires shortly before the test binary's deadline, if it
// has one: a wait for what must happen is bounded by nothing shorter.
func beforeDeadline(t *testing.T) <-chan time.Time {
	deadline, ok := t.Deadline()
	if !ok {
		return nil
	}
	return time.After(time.Until(deadline) - 5*time.Second)
}
