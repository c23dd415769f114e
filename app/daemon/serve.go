package daemon

import (
	"cmp"
	"context"
	"io"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/app/backup"
	"persona/app/instance"
	"persona/internal/logging"
	"persona/session"
)

// Serve is `persona run`: the daemon on the config at path, as a service
// of systemd that reopens its log on SIGHUP, until ctx ends.
func Serve(ctx context.Context, path string, stderr io.Writer) error {
	inst, err := instance.Open(path, stderr)
	if err != nil {
		return err
	}
	defer inst.Close()
	lg := inst.Log
	// Without a session there is nothing to connect for: say so and only so.
	if ok, err := session.Stored(ctx, inst.DB); err != nil || !ok {
		return cmp.Or(err, session.ErrNotLoggedIn)
	}
	now, err := clock()
	if err != nil {
		return err
	}
	go logging.WatchHUP(ctx, inst.ReopenLog, lg)
	opts := Options{Session: inst.Session, Prefix: inst.Config.Bot.Prefix, Location: inst.Config.Bot.Location}
	opts.Session.Now = now
	ready := notifySystemd(ctx, &opts, lg)
	opts.Session.OnReady = func() {
		ready()
		releaseStartupMemory(ctx, lg)
	}
	if err := releaseWhenQuiet(&opts, lg); err != nil {
		return err
	}
	tuneGC()

	stopProfiles, err := startProfiles()
	if err != nil {
		return err
	}
	defer stopProfiles()

	defer backup.Serve(inst.DB, lg)() // before the database closes

	lg.Info("Starting", zap.String("version", session.Version), zap.String("database", inst.Config.Storage.Path))
	err = Run(ctx, opts)
	logStopped(ctx, lg, err)
	return err
}

// logStopped says why the daemon stopped.
func logStopped(ctx context.Context, lg *zap.Logger, err error) {
	switch {
	case err == nil && ctx.Err() != nil:
		lg.Info("Stopped", zap.String("reason", context.Cause(ctx).Error())) // "terminated signal received"
	case err == nil:
		lg.Info("Stopped", zap.String("reason", "done"))
	case errors.Is(err, session.ErrRevoked), errors.Is(err, session.ErrDuplicated):
		lg.Warn("Stopped", zap.String("reason", "session revoked"), zap.String("error", err.Error()))
	case errors.Is(err, session.ErrNotLoggedIn):
		lg.Warn("Stopped", zap.String("reason", "not logged in"))
	default:
		lg.Error("Stopped", zap.String("reason", "error"), zap.String("error", err.Error()))
	}
}
