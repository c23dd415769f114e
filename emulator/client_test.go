package emulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/gotd/td/session"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/telegram/dcs"
	"github.com/gotd/td/tg"

	"persona/emulator"
)

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
	}
}

// run runs f with a connected client; the test fails on any error.
func run(t *testing.T, e *emulator.Emulator, storage session.Storage, h telegram.UpdateHandler, f func(ctx context.Context, c *telegram.Client)) {
	t.Helper()
	if storage == nil {
		storage = &session.StorageMemory{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := telegram.NewClient(1, "hash", clientOptions(e, storage, h))
	if err := c.Run(ctx, func(ctx context.Context) error {
		f(ctx, c)
		return nil
	}); err != nil {
		t.Fatalf("client: %v", err)
	}
}

// login signs the account in with the code and, if set, the password.
func login(t *testing.T, ctx context.Context, c *telegram.Client, phone, code, password string) *tg.User {
	t.Helper()
	flow := auth.NewFlow(auth.Constant(phone, password, auth.CodeAuthenticatorFunc(
		func(context.Context, *tg.AuthSentCode) (string, error) { return code, nil },
	)), auth.SendCodeOptions{})
	if err := c.Auth().IfNecessary(ctx, flow); err != nil {
		t.Fatalf("login: %v", err)
	}
	self, err := c.Self(ctx)
	if err != nil {
		t.Fatalf("self: %v", err)
	}
	return self
}

func TestLoginWithoutPassword(t *testing.T) {
	e := start(t, emulator.Options{})
	acc := e.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Ann", Phone: "+15550001111"}})
	run(t, e, nil, nil, func(ctx context.Context, c *telegram.Client) {
		self := login(t, ctx, c, "+15550001111", "12345", "")
		if self.ID != acc.ID || !self.Self {
			t.Fatalf("self = %d, want %d", self.ID, acc.ID)
		}
	})
}
