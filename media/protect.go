package media

import (
	"fmt"
	"runtime/debug"

	"github.com/go-faster/errors"
)

// protect turns a panic of f, run on a goroutine of its own, into f's
// error: unrecovered there, it would end the whole daemon, where the
// command that ran into it should only fail.
func protect(where string, f func() error) func() error {
	return func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = &PanicError{Value: p, Where: where, Stack: debug.Stack()}
			}
		}()
		return f()
	}
}

// PanicError is a panic on one of a transfer's goroutines. Its text names
// the panic; printed with %+v, as the log prints a failed command's error,
// it also shows the stack of the goroutine that panicked.
type PanicError struct {
	Value any
	Where string // e.g. "a part worker"
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic in %s: %v", e.Where, e.Value) }

// Format prints the stack too for %+v.
func (e *PanicError) Format(s fmt.State, verb rune) { errors.FormatError(e, s, verb) }

// FormatError shows the stack as the error's detail.
func (e *PanicError) FormatError(p errors.Printer) error {
	p.Print(e.Error())
	if p.Detail() {
		p.Printf("%s", e.Stack)
	}
	return nil
}
