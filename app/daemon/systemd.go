package daemon

import (
	"context"

	"go.uber.org/zap"

	"persona/internal/sdnotify"
)

// notifySystemd tells systemd (Type=notify) WATCHDOG while the worker is
// not wedged and STOPPING as soon as the shutdown begins; it returns what
// tells it READY, for the session's OnReady.
func notifySystemd(ctx context.Context, opts *Options, lg *zap.Logger) (ready func()) {
	sd := sdnotify.New(lg.Named("systemd"))
	opts.Watch = sd.Watchdog
	go func() {
		<-ctx.Done()
		sd.Stopping()
	}()
	return func() { sd.Ready("serving commands") }
}
