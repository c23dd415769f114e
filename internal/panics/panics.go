// Package panics turns a panic on a goroutine into an error: unrecovered
// there, it would end the whole daemon, where only the work that ran into
// it should fail. Every recovery in Persona goes through here, so each
// panic is logged the same way (Log) and the chat can tell one by its type.
package panics

import (
	"fmt"
	"runtime/debug"

	"github.com/go-faster/errors"
	"go.uber.org/zap"
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

// Log writes the panic as every recovery logs one: at error level,
// "Panic", where it happened, its value, and the stack of the goroutine
// that panicked.
func (e *Error) Log(lg *zap.Logger) {
	lg.Error("Panic", zap.String("in", e.Where), zap.Any("panic", e.Value), zap.ByteString("stack", e.Stack))
}

// Guard runs f and turns a panic in it into its error, an *Error, logged at
// once with Log: the goroutine goes on and only f's work fails.
func Guard(lg *zap.Logger, where string, f func() error) error {
	return run(where, f, func(e *Error) { e.Log(lg) })
}

// Protect wraps f so that a panic in it becomes its error, an *Error, for
// an errgroup's Go. It has no log: whoever waits for the group gets the
// error, its stack included (printed with %+v).
func Protect(where string, f func() error) func() error {
	return func() error { return run(where, f, func(*Error) {}) }
}

// run is the one recovery: f's panic becomes an *Error, handed to caught
// and returned.
func run(where string, f func() error, caught func(*Error)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			e := New(where, p)
			caught(e)
			err = e
		}
	}()
	return f()
}
