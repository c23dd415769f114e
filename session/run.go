package session

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/go-faster/errors"
	"github.com/gotd/contrib/bbolt"
	"github.com/gotd/log/logzap"
	"go.uber.org/zap"

	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/telegram/updates/hook"
	"github.com/gotd/td/tg"

	"persona/storage"
)

// ErrNotLoggedIn means the database holds no authorised session.
var ErrNotLoggedIn = errors.New(`not logged in: run "persona login" first`)

// ErrRevoked means Telegram no longer accepts the session: it was
// terminated from another app, or the account logged out.
var ErrRevoked = errors.New(`session revoked: run "persona login"`)

// ErrDuplicated means Telegram saw this session used from two places at
// once (AUTH_KEY_DUPLICATED): the database was copied and both copies ran.
// Telegram has dropped the session; this copy needs its own login.
var ErrDuplicated = errors.New(`session used elsewhere at the same time (AUTH_KEY_DUPLICATED): was the database copied to another machine? Telegram dropped the session; run "persona login" here, and never run two copies of one database`)

// App is what runs on top of the connection.
type App interface {
	// Start is called once connected and authorised, before updates flow;
	// dcs reaches the other data centres, where files may live.
	Start(ctx context.Context, api *tg.Client, self *tg.User, dcs DCs) error
	// OnNewMessage receives every new message, gaps already recovered.
	OnNewMessage(ctx context.Context, e tg.Entities, u *tg.UpdateNewMessage) error
}

// Run connects, checks the session, and feeds updates to app until ctx ends
// (nil), the session is revoked (ErrRevoked) or a fatal error occurs.
func Run(ctx context.Context, opts Options, app App) error {
	opts.setDefaults()
	lg := opts.Logger
	started := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	d := tg.NewUpdateDispatcher()
	d.OnNewMessage(app.OnNewMessage)
	states := bbolt.NewStateStorage(opts.DB.Bolt())
	gaps := updates.New(updates.Config{
		Handler:   d,
		Storage:   states,
		Logger:    logzap.New(opts.gotdLogger("updates", ctx.Done())),
		OnTooLong: tooLongNotifier(app, lg),
		// gotd warns here, but on the first start after a login there is
		// no state yet: fetching it is the normal start, not a failure.
		OnLoadUserStateFailed: func() {
			lg.Info("No update state stored yet; fetching it from Telegram")
		},
	})

	// authorized arms the revoked detector: before login is confirmed,
	// AUTH_KEY_UNREGISTERED only means "not logged in".
	var ready, authorized atomic.Bool
	// Every call, at home or on a media DC, waits out flood waits, is made
	// again when its connection dropped under it, and keeps to the rate.
	calls := []telegram.Middleware{
		telegram.MiddlewareFunc(newFloodGate(opts.DB, lg.Named("flood"), opts.Now, floodNotifier(app)).Handle),
		telegram.MiddlewareFunc(newDropRetry(lg.Named("net")).Handle),
		telegram.MiddlewareFunc(newRateLimit().Handle),
	}
	copts, err := opts.clientOptions(gaps, append([]telegram.Middleware{
		revokedDetector(func(why error) {
			if authorized.Load() || errors.Is(why, ErrDuplicated) {
				cancel(why)
			}
		}),
		hook.UpdateHook(gaps.Handle),
	}, calls...))
	if err != nil {
		return err
	}
	copts.Logger = logzap.New(opts.gotdLogger("gotd", ctx.Done()))
	copts.Resolver = runWatch(ctx, lg.Named("net"), opts.serverName(), copts.Resolver)
	copts.OnConnectionState = func(s telegram.ConnectionState) {
		// gotd does not fetch the difference after a reconnect (DESIGN.md,
		// pitfall 4): ask for it, or updates from the outage wait for the
		// next push or 15 minutes.
		if s == telegram.ConnectionStateReady && ready.Load() {
			go func() { _ = gaps.Handle(ctx, &tg.UpdatesTooLong{}) }()
		}
	}
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)
	dcs := newDCs(client, calls)
	defer dcs.close()

	err = client.Run(ctx, func(ctx context.Context) error {
		status, err := client.Auth().Status(ctx)
		if err != nil {
			return errors.Wrap(err, "auth status")
		}
		if !status.Authorized {
			return ErrNotLoggedIn
		}
		self := status.User
		authorized.Store(true)
		if err := claimDatabase(ctx, client.API(), states, opts.DB, self, lg); err != nil {
			return err
		}
		if err := app.Start(ctx, client.API(), self, dcs); err != nil {
			return errors.Wrap(err, "start")
		}
		return gaps.Run(ctx, client.API(), self.ID, updates.AuthOptions{
			OnStart: func(ctx context.Context) {
				ready.Store(true)
				lg.Info("Ready", zap.Int64("user_id", self.ID), zap.Duration("startup", time.Since(started)))
				if opts.OnReady != nil {
					opts.OnReady()
				}
			},
		})
	})
	if cause := context.Cause(ctx); errors.Is(cause, ErrRevoked) || errors.Is(cause, ErrDuplicated) {
		return cause
	}
	if errors.Is(err, ErrNotLoggedIn) {
		return ErrNotLoggedIn
	}
	if other := (*storage.OtherAccountError)(nil); errors.As(err, &other) {
		return other
	}
	if err != nil && ctx.Err() != nil {
		return nil // stopped by the caller
	}
	return err
}

// TooLongNotifier is told when Telegram answered updates.differenceTooLong:
// the updates in between are gone, and the app must read the history back.
type TooLongNotifier interface {
	OnTooLong()
}

func tooLongNotifier(app App, lg *zap.Logger) func() {
	if n, ok := app.(TooLongNotifier); ok {
		return n.OnTooLong
	}
	return func() { lg.Warn("Telegram skipped updates; commands written meanwhile are not seen") }
}

func floodNotifier(app App) func(string, time.Time) {
	if n, ok := app.(FloodNotifier); ok {
		return n.OnFloodWait
	}
	return nil
}
