package panics

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
	"golang.org/x/sync/errgroup"
)

func TestProtect(t *testing.T) {
	var g errgroup.Group
	g.Go(Protect("a worker", func() error { panic("boom") }))
	g.Go(Protect("another", func() error { return nil }))
	err := g.Wait()
	var pe *Error
	if !errors.As(err, &pe) || pe.Value != "boom" || err.Error() != "panic in a worker: boom" {
		t.Fatalf("got %v", err)
	}
	if detail := fmt.Sprintf("%+v", err); !strings.Contains(detail, "TestProtect") {
		t.Errorf("%%+v lacks the stack of the panic:\n%s", detail)
	}
	if err := Protect("x", func() error { return errors.New("plain") })(); err.Error() != "plain" {
		t.Errorf("an error passes through: %v", err)
	}
}

// TestGuard: a panic in f is its error and one log entry, the same for
// every recovery: error level, "Panic", where, the value and the stack.
func TestGuard(t *testing.T) {
	core, logs := observer.New(zap.InfoLevel)
	err := Guard(zap.New(core), "the check", func() error { panic("boom") })
	var pe *Error
	if !errors.As(err, &pe) || err.Error() != "panic in the check: boom" {
		t.Fatalf("got %v, want the panic as an *Error", err)
	}
	entries := logs.FilterMessage("Panic").All()
	if len(entries) != 1 || entries[0].Level != zap.ErrorLevel {
		t.Fatalf("log: %v, want one error entry \"Panic\"", logs.All())
	}
	fields := entries[0].ContextMap()
	if fields["in"] != "the check" || fields["panic"] != "boom" || !strings.Contains(fmt.Sprint(fields["stack"]), "TestGuard") {
		t.Errorf("logged fields %v, want in, panic and a stack through TestGuard", fields)
	}
	if err := Guard(zap.New(core), "x", func() error { return errors.New("plain") }); err.Error() != "plain" || logs.Len() != 1 {
		t.Errorf("an error passes through unlogged: %v, %d entries", err, logs.Len())
	}
}
