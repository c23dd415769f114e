package session

import (
	"context"
	"sync"
	"time"

	"github.com/go-faster/errors"
	"github.com/gotd/log/logzap"

	gotdsession "github.com/gotd/td/session"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/internal/names"
	"persona/storage"
)

// Prompter asks the user one question and returns the answer. secret
// answers (code, password) must not be echoed. It returns once ctx is done,
// answered or not.
type Prompter interface {
	Ask(ctx context.Context, question string, secret bool) (string, error)
}

// A Prompter that is also a teller shows why a question is asked again.
type teller interface {
	Tell(msg string)
}

func tell(p Prompter, msg string) {
	if t, ok := p.(teller); ok {
		t.Tell(msg)
	}
}

// loginConnectTimeout is how long login waits for the server's first
// answer before it gives up and says why: a login that cannot reach the
// server must fail within 30 s, naming the address it tried, not hang. A
// server that answered is reachable, however slow.
const loginConnectTimeout = 20 * time.Second

// Login signs the account in (phone, code, 2FA password) and stores the
// session. phone may be empty to ask for it.
func Login(ctx context.Context, opts Options, phone string, p Prompter) (*tg.User, error) {
	return login(ctx, opts, nil, func(ctx context.Context, client *telegram.Client) error {
		return signIn(ctx, codeClient{client.Auth(), client.API()}, phone, p)
	})
}

// login connects and runs signIn, keeping the session in memory until the
// login has succeeded: a login that failed or was interrupted leaves the
// database as it was, so "logged in" means "a session is stored". When ctx
// is done (Ctrl-C) it returns context.Cause(ctx); when the server cannot be
// reached, the reason.
func login(ctx context.Context, opts Options, h telegram.UpdateHandler, signIn func(context.Context, *telegram.Client) error) (*tg.User, error) {
	opts.setDefaults()
	pending := &pendingSession{to: opts.sessionStorage()}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watch := newLoginWatch(opts.serverName(), cancel)
	timer := time.AfterFunc(loginConnectTimeout, watch.timeout)
	defer timer.Stop()
	copts, err := opts.clientOptions(h, nil)
	if err != nil {
		return nil, err
	}
	copts.SessionStorage = pending
	copts.Logger = logzap.New(opts.gotdLogger("gotd", ctx.Done()))
	copts.Resolver = watch.wrap(ctx, copts.Resolver)
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)

	var self *tg.User
	var failed error // the callback's own error, without gotd's wraps
	runErr := client.Run(ctx, func(ctx context.Context) error {
		timer.Stop() // connected: from here on the user is answering prompts
		if failed = signIn(ctx, client); failed != nil {
			return failed
		}
		if self, failed = selfOf(ctx, client); failed != nil {
			return failed
		}
		if failed = ownerAllows(opts.DB, self); failed != nil {
			// The new session is not stored, so it must not live on at
			// Telegram either (it would sit in Settings → Devices).
			_, _ = client.API().AuthLogOut(ctx)
			return failed
		}
		failed = pending.commit(ctx)
		return failed
	})
	switch {
	case context.Cause(ctx) != nil:
		return nil, context.Cause(ctx)
	case failed != nil:
		return nil, failed
	case runErr != nil:
		return nil, errors.Wrap(runErr, "login")
	case self == nil:
		return nil, errors.New("login ended before signing in")
	}
	return self, nil
}

// pendingSession holds the session gotd stores during a login in memory
// until commit, and from then on writes it through to the database. (gotd
// may store it after the login has started, so a copy taken at the end
// could miss it.)
type pendingSession struct {
	to gotdsession.Storage

	mu        sync.Mutex
	data      []byte
	committed bool
}

var _ gotdsession.Storage = (*pendingSession)(nil)

func (p *pendingSession) LoadSession(ctx context.Context) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data != nil {
		return p.data, nil
	}
	return p.to.LoadSession(ctx) // a stored session is tried first
}

func (p *pendingSession) StoreSession(ctx context.Context, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.data = data
	if p.committed {
		return p.to.StoreSession(ctx, data)
	}
	return nil
}

// commit stores the session: the login succeeded.
func (p *pendingSession) commit(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.committed = true
	if p.data == nil {
		return nil // the stored one, or gotd stores it through later
	}
	if err := p.to.StoreSession(ctx, p.data); err != nil {
		return errors.Wrap(err, "store session")
	}
	return nil
}

// ownerAllows refuses a login as another account than the one whose
// records the database holds (README, "Set up for your own account", step
// 4), before the new session overwrites the old one: run would refuse the
// database anyway, after the owner's session was gone.
func ownerAllows(db *storage.DB, self *tg.User) error {
	owner, found, err := db.StoredOwner()
	if err != nil {
		return err
	}
	if !found || owner.ID == self.ID {
		return nil
	}
	return &storage.OtherAccountError{Path: db.Path(), Owner: owner, Self: storage.Owner{ID: self.ID, Name: names.Of(self)}, AtLogin: true}
}

// selfOf fetches the account a finished login signed in.
func selfOf(ctx context.Context, client *telegram.Client) (*tg.User, error) {
	s, err := client.Self(ctx)
	if err != nil {
		return nil, errors.Wrap(err, "self")
	}
	return s, nil
}

// errNoAccount: the phone number has no Telegram account, and Persona does
// not sign up.
var errNoAccount = errors.New("no Telegram account uses this phone number; sign up in a Telegram app first")

// explainLogin turns Telegram's login errors into plain words.
func explainLogin(err error) error {
	switch {
	case tgerr.Is(err, "AUTH_KEY_UNREGISTERED"):
		return errors.New("Telegram did not accept the session; try again")
	case errors.Is(err, auth.ErrPasswordInvalid), tgerr.Is(err, "PASSWORD_HASH_INVALID"):
		return errWrongPassword
	case errors.Is(err, auth.ErrPasswordNotProvided):
		return errors.New("the account has a 2FA password; none was given")
	case tgerr.Is(err, wrongCode...):
		return errWrongCode
	case tgerr.Is(err, "PHONE_CODE_EXPIRED"):
		return errors.New("the login code expired; run login again")
	case tgerr.Is(err, "PHONE_NUMBER_INVALID"):
		return errors.New("Telegram says the phone number is invalid")
	case tgerr.Is(err, "PHONE_NUMBER_BANNED"):
		return errors.New("Telegram has banned this phone number")
	case tgerr.Is(err, "PHONE_NUMBER_UNOCCUPIED"), errors.As(err, new(*auth.SignUpRequired)):
		return errNoAccount
	case tgerr.Is(err, "API_ID_INVALID"):
		return errors.New("Telegram rejected telegram.app_id / telegram.app_hash")
	}
	if d, ok := tgerr.AsFloodWait(err); ok {
		return errors.Errorf("Telegram asks to wait %s before trying again", d)
	}
	return errors.Wrap(err, "login")
}
