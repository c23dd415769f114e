package handlers

import (
	"fmt"
	"runtime/debug"

	"go.uber.org/zap"
)

// survive runs one of the worker's jobs (the check of the records, a timer,
// the work around a command, a goroutine a command started) and turns a
// panic into its error, logged with its stack, so the worker goes on and
// the job is tried again later like any failed one.
func survive(lg *zap.Logger, job string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			lg.Error("Panic", zap.String("in", job), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			err = &panicError{job: job, value: p}
		}
	}()
	return f()
}

// panicError is a panic turned into an error. Its stack is in the log; the
// chat only says there was an internal error.
type panicError struct {
	job   string
	value any
}

func (e *panicError) Error() string { return fmt.Sprintf("panic in the %s: %v", e.job, e.value) }
