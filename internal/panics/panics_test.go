package panics

import (
	"errors"
	"fmt"
	"strings"
	"testing"

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
