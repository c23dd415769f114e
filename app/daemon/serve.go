package daemon

import (
	"cmp"
	"context"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/app/backup"
	"persona/app/instance"
	"persona/internal/logging"
	"persona/internal/pageout"
	"persona/internal/sdnotify"
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
	notifySystemd(ctx, &opts, lg)
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

// notifySystemd tells systemd (Type=notify) READY once serving, WATCHDOG
// while the worker is not wedged, STOPPING as soon as the shutdown begins.
func notifySystemd(ctx context.Context, opts *Options, lg *zap.Logger) {
	sd := sdnotify.New(lg.Named("systemd"))
	opts.Session.OnReady = func() {
		sd.Ready("serving commands")
		debug.FreeOSMemory() // start-up garbage (key exchange, state, catch-up) goes back to the system
		go releaseStartupPages(ctx, lg)
	}
	opts.Watch = sd.Watchdog
	go func() {
		<-ctx.Done()
		sd.Stopping()
	}()
}

// startupSettle is how long after Ready the start-up's own work (the
// catch-up's first read, the first check of the records) is left to run
// before its pages are released.
const startupSettle = time.Second

// releaseStartupPages hands back the pages of the binary that start-up
// mapped (see package pageout): the idle daemon's resident set goes from
// about 19 MiB to 6-8.
func releaseStartupPages(ctx context.Context, lg *zap.Logger) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(startupSettle):
	}
	releasePages(lg, "Start-up pages released", "Start-up pages kept")
}

// releasePages pages out the binary's pages (package pageout) and logs
// how many KiB that was under released, or why not under kept.
func releasePages(lg *zap.Logger, released, kept string) {
	n, err := pageout.Executable()
	if err != nil {
		lg.Debug(kept, zap.Error(err))
		return
	}
	lg.Debug(released, zap.Int64("kib", n>>10)) // housekeeping: DEBUG, not the user's business
}

// releaseWhenQuiet: once a burst of commands is over, what it left resident
// goes back to the system, so a daemon that lives for months idles small,
// not at the high-water mark of its last job: the heap's free pages
// (debug.FreeOSMemory) and the pages of the binary its code faulted in
// (package pageout). PERSONA_QUIET_AFTER (a Go duration) sets how long the
// worker must be quiet first; it is a testing knob, not part of the
// interface.
func releaseWhenQuiet(opts *Options, lg *zap.Logger) error {
	if v := os.Getenv("PERSONA_QUIET_AFTER"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.Errorf("PERSONA_QUIET_AFTER=%q: want a positive Go duration", v)
		}
		opts.QuietAfter = d
	}
	opts.OnQuiet = func() {
		// Two collections: the first moves what sync.Pools hold (media's
		// part buffers, 512 KiB each) to their victim caches, the second
		// (FreeOSMemory's) frees them and returns the heap's free pages.
		runtime.GC()
		debug.FreeOSMemory()
		releasePages(lg, "Memory released after work", "Memory released after work; pages kept")
	}
	return nil
}

// tuneGC: a daemon lives for months on small machines: trade a little CPU
// for a heap that grows half, not all, of its live size before collecting
// (peak memory of a 10 MiB video job). $GOGC still wins when set.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
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
