// Package panics turns a panic on a goroutine into an error: unrecovered
// there, it would end the whole daemon, where only the work that ran into
// it should fail.
package panics

import (
	"fmt"
	"runtime/debug"

	"github.com/go-faster/errors"
)

// Error is a recovered panic. Its text names the panic; printed with %+v,
// as the log prints a failed command's error, it also shows the stack of
// the goroutine that panicked.
type Error struct {
	Where string // e.g. "a part worker"
	Value any
	Stack []byte
}

// New is the panic value p, recovered in where, with the stack of the
// goroutine recovering it: call it from the deferred function.
func New(where string, p any) *Error {
	return &Error{Where: where, Value: p, Stack: debug.Stack()}
}

func (e *Error) Error() string { return fmt.Sprintf("panic in %s: %v", e.Where, e.Value) }

// Format prints the stack too for %+v.
func (e *Error) Format(s fmt.State, verb rune) { errors.FormatError(e, s, verb) }

// FormatError shows the stack as the error's detail.
func (e *Error) FormatError(p errors.Printer) error {
	p.Print(e.Error())
	if p.Detail() {
		p.Printf("%s", e.Stack)
	}
	return nil
}

// Protect wraps f so that a panic in it becomes its error, an *Error, for
// an errgroup's Go.
func Protect(where string, f func() error) func() error {
	return func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = New(where, p)
			}
		}()
		return f()
	}
}
