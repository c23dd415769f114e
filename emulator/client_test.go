package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gotd/td/session"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/telegram/dcs"
	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/tg"

	"persona/emulator"
)

// testTimeout bounds every test, so a hang fails instead of stalling the
// run. It is generous: every key exchange costs a client 128 Miller-Rabin
// rounds on 2048-bit numbers (gotd's crypto.CheckDH), seconds under -race on
// a busy machine, and a test on two DCs makes two or three.
const testTimeout = 2 * time.Minute

// start runs an emulator for the test.
func start(t *testing.T, opts emulator.Options) *emulator.Emulator {
	t.Helper()
	e, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return e
}

// testContext is the test's deadline.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// clientOptions points a plain gotd client at the emulator with only the
// address, DC and public key, as [telegram.server] does.
func clientOptions(e *emulator.Emulator, storage session.Storage, h telegram.UpdateHandler) telegram.Options {
	return telegram.Options{
		DC:                  e.DC(),
		DCList:              dcs.List{Options: []tg.DCOption{{ID: e.DC(), IPAddress: e.Host(), Port: e.Port(), Static: true}}},
		PublicKeys:          []telegram.PublicKey{e.Key()},
		Resolver:            dcs.Plain(dcs.PlainOptions{}),
		SessionStorage:      storage,
		UpdateHandler:       h,
		NoUpdates:           h == nil,
		ReconnectionBackoff: fastBackoff,
		// gotd gives a move to another DC 15 s by default, a new key
		// exchange included: too little under -race on a busy machine.
		MigrationTimeout: testTimeout,
	}
}

// client is a gotd client running in the background, so that the test
// goroutine can call it and fail with t.Fatal.
type client struct {
	*telegram.Client
	api     *tg.Client
	cancel  context.CancelFunc
	done    chan error
	updates chan error // nil until runUpdates
	once    sync.Once
}

// connect runs a client until the test ends or stop; storage may be nil,
// h nil means no updates.
func connect(t *testing.T, e *emulator.Emulator, storage session.Storage, h telegram.UpdateHandler) *client {
	t.Helper()
	if storage == nil {
		storage = &session.StorageMemory{}
	}
	return connectWith(t, clientOptions(e, storage, h))
}

// connectWith runs a client with these options until the test ends or stop.
func connectWith(t *testing.T, opts telegram.Options) *client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	tc := telegram.NewClient(1, "hash", opts)
	c := &client{Client: tc, api: tc.API(), cancel: cancel, done: make(chan error, 1)}
	ready := make(chan struct{})
	go func() {
		c.done <- tc.Run(ctx, func(ctx context.Context) error {
			close(ready)
			<-ctx.Done()
			return nil
		})
	}()
	select {
	case <-ready:
	case err := <-c.done:
		cancel()
		t.Fatalf("client: %v", err)
	}
	t.Cleanup(func() { c.stop(t) })
	return c
}

// stop ends the updates manager, then the client, and waits for both.
func (c *client) stop(t *testing.T) {
	t.Helper()
	c.once.Do(func() {
		c.cancel()
		if c.updates != nil {
			if err := <-c.updates; err != nil && ctxErr(err) == nil {
				t.Errorf("updates: %v", err)
			}
		}
		if err := <-c.done; err != nil && ctxErr(err) == nil {
			t.Errorf("client: %v", err)
		}
	})
}

// ctxErr is the context error inside err, if any: how a stopped run ends.
func ctxErr(err error) error {
	for _, c := range []error{context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}

// runUpdates runs gotd's updates manager for the logged-in account until the
// client stops, and returns once it has its state.
func (c *client) runUpdates(t *testing.T, m *updates.Manager, self int64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stopClient := c.cancel
	c.cancel = func() { cancel(); stopClient() }
	c.updates = make(chan error, 1)
	started := make(chan struct{})
	go func() {
		c.updates <- m.Run(ctx, c.api, self, updates.AuthOptions{OnStart: func(context.Context) { close(started) }})
	}()
	select {
	case <-started:
	case err := <-c.updates:
		c.updates = nil
		t.Fatalf("updates manager: %v", err)
	case <-time.After(testTimeout):
		t.Fatal("updates manager did not start")
	}
}

// account is an emulator account and what logging in to it takes.
type account struct {
	emulator.User
	phone, password string
}

var phones atomic.Int64

// newAccount adds an account with a fresh phone number; password enables 2FA.
func newAccount(e *emulator.Emulator, name, password string) account {
	phone := fmt.Sprintf("+1555%07d", phones.Add(1))
	u := e.AddAccount(emulator.AccountSpec{
		UserSpec: emulator.UserSpec{FirstName: name, Username: name, Phone: phone},
		Password: password,
	})
	return account{User: u, phone: phone, password: password}
}

// codeFlow is gotd's login flow answering the code and the password.
func codeFlow(phone, code, password string) auth.Flow {
	return auth.NewFlow(auth.Constant(phone, password, auth.CodeAuthenticatorFunc(
		func(context.Context, *tg.AuthSentCode) (string, error) { return code, nil },
	)), auth.SendCodeOptions{})
}

// login signs the account in with the default code and its password.
func login(t *testing.T, ctx context.Context, c *client, a account) *tg.User {
	t.Helper()
	if err := c.Auth().IfNecessary(ctx, codeFlow(a.phone, "12345", a.password)); err != nil {
		t.Fatalf("login: %v", err)
	}
	self, err := c.Self(ctx)
	if err != nil {
		t.Fatalf("self: %v", err)
	}
	if self.ID != a.ID {
		t.Fatalf("self = %d, want %d", self.ID, a.ID)
	}
	return self
}

// loggedIn is a new account with a logged-in client without updates.
func loggedIn(t *testing.T, e *emulator.Emulator) (account, *client) {
	t.Helper()
	a := newAccount(e, "ann", "")
	c := connect(t, e, nil, nil)
	login(t, testContext(t), c, a)
	return a, c
}

// fixture is what the subtests of one test share: the emulator, an account
// logged in with one client without updates, and the test's context.
type fixture struct {
	ctx context.Context
	e   *emulator.Emulator
	a   account
	c   *client
}

// newFixture logs a new account in to e with one client.
func newFixture(t *testing.T, e *emulator.Emulator) fixture {
	t.Helper()
	a, c := loggedIn(t, e)
	return fixture{ctx: testContext(t), e: e, a: a, c: c}
}

// inbox collects the messages an update dispatcher receives.
type inbox struct {
	d    tg.UpdateDispatcher
	msgs chan tg.MessageClass
}

func newInbox() *inbox {
	in := &inbox{d: tg.NewUpdateDispatcher(), msgs: make(chan tg.MessageClass, 256)}
	in.d.OnNewMessage(func(ctx context.Context, _ tg.Entities, u *tg.UpdateNewMessage) error {
		select {
		case in.msgs <- u.Message:
		case <-ctx.Done():
		}
		return nil
	})
	return in
}

// next waits for a message that satisfies match, skipping others.
func (in *inbox) next(t *testing.T, ctx context.Context, match func(tg.MessageClass) bool) tg.MessageClass {
	t.Helper()
	for {
		select {
		case m := <-in.msgs:
			if match(m) {
				return m
			}
		case <-ctx.Done():
			t.Fatal("no matching message arrived")
			return nil
		}
	}
}

// withText matches a message with exactly this text.
func withText(text string) func(tg.MessageClass) bool {
	return func(m tg.MessageClass) bool {
		msg, ok := m.(*tg.Message)
		return ok && msg.Message == text
	}
}
