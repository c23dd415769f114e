package logging

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

func TestWatchHUP(t *testing.T) {
	// Our own registration keeps a SIGHUP sent before WatchHUP has
	// registered from killing the test binary.
	guard := make(chan os.Signal, 16)
	signal.Notify(guard, syscall.SIGHUP)
	defer signal.Stop(guard)

	core, logs := observer.New(zapcore.InfoLevel)
	var calls atomic.Int32
	fail := errors.New("disk gone")
	reopen := func() error {
		if calls.Add(1) == 2 {
			return fail
		}
		return nil
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		WatchHUP(ctx, reopen, zap.New(core))
	}()

	hupUntil(t, func() bool { return logs.FilterMessage("log file reopened").Len() >= 1 })
	if e := logs.FilterMessage("log file reopened").All()[0]; e.Level != zapcore.InfoLevel {
		t.Errorf("reopen logged at %v", e.Level)
	}
	hupUntil(t, func() bool { return logs.FilterMessage("reopen log file").Len() >= 1 })
	if e := logs.FilterMessage("reopen log file").All()[0]; e.Level != zapcore.ErrorLevel || !errors.Is(fieldErr(e), fail) {
		t.Errorf("failed reopen logged as %+v", e)
	}

	cancel()
	select {
	case <-done:
	case <-beforeDeadline(t):
		t.Fatal("WatchHUP did not return after cancel")
	}
	// Returned, it can reopen nothing more: a SIGHUP now reaches only the
	// guard, and once it has, nothing was reopened.
	before := calls.Load()
	drain(guard)
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	<-guard
	if calls.Load() != before {
		t.Error("reopened after ctx was done")
	}
}

// beforeDeadline fires shortly before the test binary's deadline, if it
// has one: a wait that must end is bounded by nothing shorter.
func beforeDeadline(t *testing.T) <-chan time.Time {
	deadline, ok := t.Deadline()
	if !ok {
		return nil
	}
	return time.After(time.Until(deadline) - 5*time.Second)
}

func drain(c chan os.Signal) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// hupUntil sends SIGHUP to this process, one at a time, until cond holds.
// Repeating covers the moment before WatchHUP has called signal.Notify.
func hupUntil(t *testing.T, cond func() bool) {
	t.Helper()
	give := beforeDeadline(t)
	for !cond() {
		if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-give:
			t.Fatal("SIGHUP never handled")
		}
	}
}

func fieldErr(e observer.LoggedEntry) error {
	for _, f := range e.Context {
		if err, ok := f.Interface.(error); ok {
			return err
		}
	}
	return nil
}
