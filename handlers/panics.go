package handlers

import (
	"fmt"
	"runtime/debug"

	"go.uber.org/zap"

	"persona/internal/gopanic"
)

// survive runs one of the worker's jobs (the check of the records, a timer,
// the work around a command) and turns a panic into an error, logged with
// its stack, so the worker goes on and the job is tried again later like
// any failed one.
func (r *Router) survive(job string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.lg.Error("Panic", zap.String("in", job), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			err = fmt.Errorf("panic in the %s: %v", job, gopanic.Value(p))
		}
	}()
	return f()
}
