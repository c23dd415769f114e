// Package usererr is the one error type whose text is meant for the user:
// a command that fails with it is answered "❌ " and the text, as it is,
// where any other error is explained in plain words or logged. The
// parser, the media checks and the handlers all use it.
package usererr

import "fmt"

// Error is a mistake or refusal worded for the user.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// New is an Error saying msg.
func New(msg string) *Error { return &Error{Msg: msg} }

// Errorf is an Error saying the formatted text.
func Errorf(format string, args ...any) *Error { return &Error{Msg: fmt.Sprintf(format, args...)} }
