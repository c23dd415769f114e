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
	case <-time.After(2 * time.Second):
		t.Fatal("WatchHUP did not return after cancel")
	}
	before := calls.Load()
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if calls.Load() != before {
		t.Error("reopened after ctx was done")
	}
}

// hupUntil sends SIGHUP to this process, one at a time, until cond holds.
// Repeating covers the moment before WatchHUP has called signal.Notify.
func hupUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("SIGHUP never handled")
		}
		if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
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
