package handlers

import (
	"go.uber.org/zap"

	"persona/internal/panics"
)

// survive runs one of the worker's jobs (the check of the records, a timer,
// the work around a command, a goroutine a command started) and turns a
// panic into its error, a *panics.Error logged with its stack, so the
// worker goes on and the job is tried again later like any failed one.
// The chat only ever says "internal error" of it (internalError).
func survive(lg *zap.Logger, job string, f func() error) error {
	return panics.Guard(lg, "the "+job, f)
}
