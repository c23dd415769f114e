// Package daemon assembles Persona's daemon, the command router on top of
// the Telegram session, in the one place that `persona run` and
// `persona demo` share; Serve is `persona run` itself.
package daemon

import (
	"context"
	"time"

	"go.uber.org/zap"

	"persona/handlers"
	"persona/session"
)

// The router hears of what else Telegram tells: long flood waits, skipped
// updates, messages deleted and users changed in the owner's other apps,
// and a frozen account.
var _ interface {
	session.App
	session.FloodNotifier
	session.TooLongNotifier
	session.DeleteNotifier
	session.UserNotifier
	session.FrozenNotifier
} = (*handlers.Router)(nil)

// Options configure the daemon.
type Options struct {
	// Session is the connection; its DB, Logger and Now serve the commands too.
	Session session.Options
	Prefix  string // the command prefix; "/" when empty
	// Location is the time zone replies show times in; the one the
	// daemon runs in when nil.
	Location *time.Location
	// Watch, when set, runs beside the daemon until ctx ends and is given
	// the worker's health check (systemd's watchdog).
	Watch func(ctx context.Context, healthy func() bool)
	// OnQuiet and QuietAfter: see handlers.Options.
	OnQuiet    func()
	QuietAfter time.Duration
}

// Run runs the daemon until ctx ends (nil), the session is revoked or a
// fatal error occurs; it returns once the command in flight has finished or
// been safely abandoned.
func Run(ctx context.Context, opts Options) error {
	lg := opts.Session.Logger
	if lg == nil {
		lg = zap.NewNop()
	}
	router := handlers.New(handlers.Options{
		Prefix:   opts.Prefix,
		DB:       opts.Session.DB,
		Logger:   lg.Named("handlers"),
		Version:  session.Version,
		Now:      opts.Session.Now,
		Location: opts.Location,

		OnQuiet:    opts.OnQuiet,
		QuietAfter: opts.QuietAfter,
	})
	if opts.Watch != nil {
		go opts.Watch(ctx, router.Healthy)
	}
	err := session.Run(ctx, opts.Session, router)
	router.Wait()
	return err
}
