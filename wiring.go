package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/config"
	"persona/handlers"
	"persona/internal/logging"
	"persona/internal/sdnotify"
	"persona/session"
	"persona/storage"
)

// open loads the config and opens the database; the caller closes both.
func open(path string) (*config.Config, *storage.DB, error) {
	if path == "" {
		path = config.DefaultPath()
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, nil, err
	}
	db, err := storage.Open(cfg.Storage.Path, storage.Options{Timeout: time.Second})
	if errors.Is(err, storage.ErrLocked) {
		return nil, nil, errors.Errorf("another persona is already running on %s", cfg.Storage.Path)
	}
	if err != nil {
		return nil, nil, err
	}
	return cfg, db, nil
}

// env is what login and run share: config, database, log, client options.
type env struct {
	cfg    *config.Config
	db     *storage.DB
	lg     *zap.Logger
	opts   session.Options
	reopen func() error // reopens the log file (SIGHUP)
	close  func()
}

func prepare(path string, stderr io.Writer) (*env, error) {
	cfg, db, err := open(path)
	if err != nil {
		return nil, err
	}
	logger, err := logging.New(cfg.Log.Level, cfg.Log.File, stderr)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	lg, closeLog := logger.Logger, logger.Close
	opts, err := sessionOptions(cfg, db, lg)
	if err != nil {
		closeLog()
		_ = db.Close()
		return nil, err
	}
	return &env{cfg: cfg, db: db, lg: lg, opts: opts, reopen: logger.Reopen, close: func() { closeLog(); _ = db.Close() }}, nil
}

func sessionOptions(cfg *config.Config, db *storage.DB, lg *zap.Logger) (session.Options, error) {
	opts := session.Options{AppID: cfg.Telegram.AppID, AppHash: cfg.Telegram.AppHash, DB: db, Logger: lg}
	if s := cfg.Telegram.Server; s != nil {
		keys, err := s.RSAPublicKeys()
		if err != nil {
			return opts, err
		}
		opts.Server = &session.Server{Address: s.Address, DC: s.DC, PublicKeys: keys}
	}
	return opts, nil
}

func loginCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var qr bool
	path, err := configFlag("login", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&qr, "qr", false, "log in by scanning a QR code with a phone")
	})
	if err != nil {
		return err
	}
	env, err := prepare(path, stderr)
	if err != nil {
		return err
	}
	defer env.close()
	cfg, opts := env.cfg, env.opts
	var self *tg.User
	if qr {
		show, remove := qrShower(stdout, filepath.Dir(cfg.Path))
		defer remove()
		self, err = session.LoginQR(ctx, opts, show, newPrompter(stdin, stderr))
	} else {
		self, err = session.Login(ctx, opts, cfg.Telegram.Phone, newPrompter(stdin, stderr))
	}
	if err != nil && ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "logged in as %s (id %d)\n", handlers.DisplayName(self), self.ID)
	return nil
}

func runCmd(ctx context.Context, args []string, stderr io.Writer) error {
	path, err := configFlag("run", args, stderr, nil)
	if err != nil {
		return err
	}
	env, err := prepare(path, stderr)
	if err != nil {
		return err
	}
	defer env.close()
	cfg, db, lg, opts := env.cfg, env.db, env.lg, env.opts
	// Without a session there is nothing to connect for: say so and only so.
	if ok, err := session.Stored(ctx, db); err != nil || !ok {
		return cmp.Or(err, session.ErrNotLoggedIn)
	}
	now, err := clock()
	if err != nil {
		return err
	}
	go logging.WatchHUP(ctx, env.reopen, lg)
	router := handlers.New(handlers.Options{Prefix: cfg.Bot.Prefix, DB: db, Logger: lg.Named("handlers"), Version: session.Version, Now: now})

	// systemd (Type=notify): READY once serving, WATCHDOG while the worker
	// is not wedged, STOPPING as soon as the shutdown begins.
	sd := sdnotify.New(lg.Named("systemd"))
	opts.Now = now
	opts.OnReady = func() {
		sd.Ready("serving commands")
		debug.FreeOSMemory() // start-up garbage (key exchange, state, catch-up) goes back to the system
	}
	go sd.Watchdog(ctx, router.Healthy)
	go func() {
		<-ctx.Done()
		sd.Stopping()
	}()

	// A daemon lives for months on small machines: trade a little CPU for
	// a heap that grows half, not all, of its live size before collecting
	// (peak memory of a 10 MiB video job). $GOGC still wins when set.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}

	stopProfiles, err := startProfiles()
	if err != nil {
		return err
	}
	defer stopProfiles()

	lg.Info("Starting", zap.String("version", session.Version), zap.String("database", cfg.Storage.Path))
	err = session.Run(ctx, opts, router)
	router.Wait()
	logStopped(ctx, lg, err)
	return err
}

// errInterrupted: Ctrl-C (or SIGTERM) ended a login at a prompt.
var errInterrupted = errors.New("interrupted")

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

// clock is the daemon's idea of now. PERSONA_CLOCK_SKEW (a Go duration,
// e.g. "2h") moves it, so tests of the built binary can make timers fall due
// without waiting; it is a testing knob and not part of the interface.
func clock() (func() time.Time, error) {
	v := os.Getenv("PERSONA_CLOCK_SKEW")
	if v == "" {
		return time.Now, nil
	}
	skew, err := time.ParseDuration(v)
	if err != nil {
		return nil, errors.Wrap(err, "PERSONA_CLOCK_SKEW")
	}
	return func() time.Time { return time.Now().Add(skew) }, nil
}
