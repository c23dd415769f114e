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
	started := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	r := &run{opts: opts, app: app, states: bbolt.NewStateStorage(opts.DB.Bolt())}
	r.gaps = r.updateManager(ctx)
	calls := r.callMiddlewares()
	copts, err := r.clientOptions(ctx, cancel, calls)
	if err != nil {
		return err
	}
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)
	dcs := newDCs(client, calls)
	defer dcs.close()

	err = client.Run(ctx, func(ctx context.Context) error {
		return r.serve(ctx, client, dcs, started)
	})
	return runError(ctx, err)
}

// run is what the steps of one Run share.
type run struct {
	opts   Options
	app    App
	states *bbolt.State
	gaps   *updates.Manager
	// ready: the update state is loaded, so a reconnect fetches the
	// difference. authorized arms the revoked detector: before login is
	// confirmed, AUTH_KEY_UNREGISTERED only means "not logged in".
	ready, authorized atomic.Bool
}

// updateManager recovers gaps and keeps the update state in the database.
func (r *run) updateManager(ctx context.Context) *updates.Manager {
	d := tg.NewUpdateDispatcher()
	// Only new messages. A reminder (updateNewScheduledMessage) is no
	// message until it fires, as a new message with from_scheduled
	// (docs/ARCHITECTURE.md, "A reminder is no message until it fires");
	// updateShortMessage arrives here made into updateNewMessage by gotd
	// (docs/ARCHITECTURE.md, "Short updates carry messages too").
	d.OnNewMessage(r.app.OnNewMessage)
	if n, ok := r.app.(UserNotifier); ok {
		d.OnUser(func(_ context.Context, _ tg.Entities, u *tg.UpdateUser) error {
			n.OnUserChanged(u.UserID)
			return nil
		})
	}
	if n, ok := r.app.(DeleteNotifier); ok {
		d.OnDeleteMessages(n.OnDeleteMessages)
	}
	lg := r.opts.Logger
	return updates.New(updates.Config{
		Handler:   d,
		Storage:   r.states,
		Logger:    logzap.New(r.opts.gotdLogger("updates", ctx.Done())),
		OnTooLong: tooLongNotifier(r.app, lg),
		// gotd warns here, but on the first start after a login there is
		// no state yet: fetching it is the normal start, not a failure.
		OnLoadUserStateFailed: func() {
			lg.Info("No update state stored yet; fetching it from Telegram")
		},
	})
}

// callMiddlewares: every call, at home or on a media DC, is held back
// while the account is frozen, waits out flood waits, is made again when
// its connection dropped under it, and keeps to the rate.
func (r *run) callMiddlewares() []telegram.Middleware {
	lg := r.opts.Logger
	frozen, _ := r.app.(FrozenNotifier)
	return []telegram.Middleware{
		telegram.MiddlewareFunc(newFrozenGate(r.opts.DB, lg.Named("frozen"), r.opts.Now, frozen).Handle),
		telegram.MiddlewareFunc(newFloodGate(r.opts.DB, lg.Named("flood"), r.opts.Now, floodNotifier(r.app)).Handle),
		telegram.MiddlewareFunc(newDropRetry(lg.Named("net")).Handle),
		telegram.MiddlewareFunc(newRateLimit().Handle),
	}
}

// clientOptions builds the home connection's options: a revoked session
// cancels the run, updates go to the update manager, then the calls'
// middlewares; reconnects are watched and followed by a catch-up.
func (r *run) clientOptions(ctx context.Context, cancel context.CancelCauseFunc, calls []telegram.Middleware) (telegram.Options, error) {
	lg := r.opts.Logger
	copts, err := r.opts.clientOptions(r.gaps, append([]telegram.Middleware{
		revokedDetector(func(why error) {
			if r.authorized.Load() || errors.Is(why, ErrDuplicated) {
				cancel(why)
			}
		}),
		hook.UpdateHook(r.gaps.Handle),
	}, calls...))
	if err != nil {
		return copts, err
	}
	copts.Logger = logzap.New(r.opts.gotdLogger("gotd", ctx.Done()))
	copts.Resolver = runWatch(ctx, lg.Named("net"), r.opts.serverName(), copts.Resolver)
	copts.OnConnectionState = func(s telegram.ConnectionState) {
		// gotd does not fetch the difference after a reconnect
		// (docs/ARCHITECTURE.md, "A reconnect does not fetch the
		// difference"): ask for it, or updates from the outage wait for the
		// next push or 15 minutes.
		if s == telegram.ConnectionStateReady && r.ready.Load() {
			go func() { _ = r.gaps.Handle(ctx, &tg.UpdatesTooLong{}) }()
			if n, ok := r.app.(ReconnectNotifier); ok {
				n.OnReconnect()
			}
		}
	}
	return copts, nil
}

// serve is the connected client's work: check the login, claim the
// database for this account, start the app and feed it updates.
func (r *run) serve(ctx context.Context, client *telegram.Client, dcs DCs, started time.Time) error {
	remote := r.earlyState(ctx, client.API())
	status, err := client.Auth().Status(ctx)
	if err != nil {
		return errors.Wrap(err, "auth status")
	}
	if !status.Authorized {
		return ErrNotLoggedIn
	}
	self := status.User
	r.authorized.Store(true)
	lg := r.opts.Logger
	if err := claimDatabase(ctx, remote, r.states, r.opts.DB, self, lg); err != nil {
		return err
	}
	if err := r.app.Start(ctx, client.API(), self, dcs); err != nil {
		return errors.Wrap(err, "start")
	}
	return r.gaps.Run(ctx, client.API(), self.ID, updates.AuthOptions{
		OnStart: func(ctx context.Context) {
			r.ready.Store(true)
			lg.Info("Ready", zap.Int64("user_id", self.ID), zap.Duration("startup_ms", time.Since(started)))
			if r.opts.OnReady != nil {
				r.opts.OnReady()
			}
		},
	})
}

// earlyState asks the server for its update state beside the login check
// when claimDatabase will compare it with a stored one: a round trip less
// before Ready. On a first start nothing is stored, and nothing is asked:
// the updates manager's own first getState is where history begins.
func (r *run) earlyState(ctx context.Context, api *tg.Client) func() (*tg.UpdatesState, error) {
	later := func() (*tg.UpdatesState, error) { return api.UpdatesGetState(ctx) }
	owner, ok, err := r.opts.DB.StoredOwner()
	if err != nil || !ok {
		return later
	}
	if _, stored, err := r.states.GetState(ctx, owner.ID); err != nil || !stored {
		return later
	}
	return stateOf(ctx, api)
}

// runError maps how the client stopped to what Run returns: the revoked
// session or the other account as such, and nil when the caller stopped it.
func runError(ctx context.Context, err error) error {
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

// DeleteNotifier is implemented by an App that follows messages deleted
// in the account's other apps (updateDeleteMessages: ids of the account's
// message box, gaps already recovered).
type DeleteNotifier interface {
	OnDeleteMessages(ctx context.Context, e tg.Entities, u *tg.UpdateDeleteMessages) error
}

// TooLongNotifier is told when Telegram answered updates.differenceTooLong:
// the updates in between are gone, and the app must read the history back.
type TooLongNotifier interface {
	OnTooLong()
}

// UserNotifier is told when Telegram says a user changed (updateUser): their
// photo, their account, or a personal photo set for them in another of the
// owner's apps. The update carries only the id (docs/ARCHITECTURE.md,
// "updateUser names only the user").
type UserNotifier interface {
	OnUserChanged(userID int64)
}

// ReconnectNotifier is told when the connection is back after an outage.
// The difference brings back what has a pts, not updateUser: one pushed
// during the outage is lost, and the app asks again about the users it
// follows closely.
type ReconnectNotifier interface {
	OnReconnect()
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
