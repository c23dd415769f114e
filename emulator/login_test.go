package emulator_test

import (
	"context"
	"encoding/base64"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/telegram/auth/qrlogin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// requireUnregistered asserts that an account call is refused as Telegram
// refuses a key that is not (or no longer) logged in.
func requireUnregistered(t *testing.T, ctx context.Context, c *client) {
	t.Helper()
	_, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{})
	if !tgerr.Is(err, "AUTH_KEY_UNREGISTERED") || !auth.IsUnauthorized(err) {
		t.Fatalf("users.getFullUser: err = %v, want 401 AUTH_KEY_UNREGISTERED", err)
	}
}

// tokenString is how qrlogin prints a token, to compare with the emulator's.
func tokenString(b []byte) string { return base64.URLEncoding.EncodeToString(b) }

// scan is a QR "show" callback that approves the shown token for account,
// at once or, with delay, as a user a moment later.
func scan(t *testing.T, e *emulator.Emulator, account int64, delay time.Duration) func(context.Context, qrlogin.Token) error {
	return func(_ context.Context, tok qrlogin.Token) error {
		pending, ok := e.PendingLoginToken()
		if !ok || tokenString(pending) != tok.String() {
			return errors.New("the emulator's pending token is not the one shown")
		}
		if delay == 0 {
			_, err := e.ApproveLoginToken(pending, account)
			return err
		}
		go func() {
			time.Sleep(delay)
			if _, err := e.ApproveLoginToken(pending, account); err != nil {
				t.Errorf("approve: %v", err)
			}
		}()
		return nil
	}
}

// TestLogin logs one client in and out by code, by QR code, and by QR code
// when the client misses updateLoginToken.
func TestLogin(t *testing.T) {
	t.Parallel()
	// QR tokens that expire two seconds after they are made.
	skew := -(emulator.LoginTokenTTL - 2*time.Second)
	e := start(t, emulator.Options{Now: func() time.Time { return time.Now().Add(skew) }})
	a := newAccount(e, "ann", "")
	ctx := testContext(t)
	d := tg.NewUpdateDispatcher()
	loggedIn := qrlogin.OnLoginToken(d)
	c := connect(t, e, nil, d)
	logOut := func(t *testing.T) {
		t.Helper()
		if _, err := c.api.AuthLogOut(ctx); err != nil {
			t.Fatalf("logOut: %v", err)
		}
		requireUnregistered(t, ctx, c)
	}

	t.Run("code", func(t *testing.T) {
		requireUnregistered(t, ctx, c)
		sent, err := c.api.AuthSendCode(ctx, &tg.AuthSendCodeRequest{PhoneNumber: a.phone, APIID: 1, APIHash: "hash", Settings: tg.CodeSettings{}})
		if err != nil {
			t.Fatal(err)
		}
		hash := sent.(*tg.AuthSentCode).PhoneCodeHash
		for _, tt := range []struct {
			phone, code, hash, want string
		}{
			{a.phone, "54321", hash, "PHONE_CODE_INVALID"},
			{a.phone, "", hash, "PHONE_CODE_EMPTY"},
			{a.phone, "12345", "", "PHONE_CODE_HASH_EMPTY"},
			{a.phone, "12345", "stale", "PHONE_CODE_EXPIRED"},
			{"+15559999999", "12345", hash, "PHONE_CODE_EXPIRED"},
		} {
			_, err := c.api.AuthSignIn(ctx, &tg.AuthSignInRequest{PhoneNumber: tt.phone, PhoneCodeHash: tt.hash, PhoneCode: tt.code})
			if !tgerr.Is(err, tt.want) {
				t.Errorf("signIn(%s, %q, %q): err = %v, want %s", tt.phone, tt.code, tt.hash, err, tt.want)
			}
		}
		// A wrong code through gotd's own flow, then the right one.
		if err := c.Auth().IfNecessary(ctx, codeFlow(a.phone, "00000", "")); !tgerr.Is(err, "PHONE_CODE_INVALID") {
			t.Fatalf("flow with wrong code: err = %v, want PHONE_CODE_INVALID", err)
		}
		requireUnregistered(t, ctx, c)
		login(t, ctx, c, a)
		if !e.Online(a.ID) {
			t.Error("Online = false after login")
		}
		logOut(t)
	})

	t.Run("qr", func(t *testing.T) {
		res, err := c.QR().Auth(ctx, loggedIn, scan(t, e, a.ID, 100*time.Millisecond))
		if err != nil {
			t.Fatalf("QR login: %v", err)
		}
		if u, ok := res.User.(*tg.User); !ok || u.ID != a.ID {
			t.Fatalf("QR login user = %v, want %d", res.User, a.ID)
		}
		exports := e.Calls("auth.exportLoginToken")
		if last := exports[len(exports)-1]; last.Err != nil {
			t.Fatalf("last exportLoginToken failed: %v", last.Err)
		} else if _, ok := last.Result.(*tg.AuthLoginTokenSuccess); !ok {
			t.Fatalf("last exportLoginToken = %T, want auth.loginTokenSuccess", last.Result)
		}
		if _, ok := e.PendingLoginToken(); ok {
			t.Error("a token is still pending after login")
		}
		if _, err := c.Self(ctx); err != nil {
			t.Fatalf("self after QR login: %v", err)
		}
		logOut(t)
	})

	// When qrlogin misses updateLoginToken it finds the approval by exporting
	// again when the token expires, and then exports once more to import it.
	t.Run("qr without update", func(t *testing.T) {
		res, err := c.QR().Auth(ctx, make(chan struct{}), scan(t, e, a.ID, 0))
		if err != nil {
			t.Fatalf("QR login: %v", err)
		}
		if u, ok := res.User.(*tg.User); !ok || u.ID != a.ID {
			t.Fatalf("QR login user = %v, want %d", res.User, a.ID)
		}
	})
}

// passwordLogin is the fixture of TestPasswordLogin: a 2FA account, a
// client that hears updateLoginToken, and the skew of the emulator's clock.
type passwordLogin struct {
	ctx    context.Context
	e      *emulator.Emulator
	a      account
	c      *client
	tokens chan struct{}
	skew   *atomic.Int64
}

// TestPasswordLogin logs a 2FA account in by code and by QR code, then
// revokes it.
func TestPasswordLogin(t *testing.T) {
	t.Parallel()
	skew := new(atomic.Int64)
	e := start(t, emulator.Options{Now: func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }})
	p := passwordLogin{ctx: testContext(t), e: e, a: newAccount(e, "bob", "correct horse"), tokens: make(chan struct{}, 1), skew: skew}
	d := tg.NewUpdateDispatcher()
	d.OnLoginToken(func(context.Context, tg.Entities, *tg.UpdateLoginToken) error {
		p.tokens <- struct{}{}
		return nil
	})
	p.c = connect(t, e, nil, d)
	for _, tt := range []struct {
		name  string
		check func(*testing.T, passwordLogin)
	}{
		{"a wrong password is refused, the right one is proven by SRP, not sent", checkPasswordByCode},
		{"an expired or unknown login token cannot be approved", checkLoginTokenRefused},
		{"an approved login token of a 2FA account asks for the password", checkPasswordByQR},
		{"Revoke logs the account out and drops its connection", checkRevoke},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, p) })
	}
}

func checkPasswordByCode(t *testing.T, p passwordLogin) {
	err := p.c.Auth().IfNecessary(p.ctx, codeFlow(p.a.phone, "12345", "wrong horse"))
	if !errors.Is(err, auth.ErrPasswordInvalid) {
		t.Fatalf("wrong password: err = %v, want auth.ErrPasswordInvalid", err)
	}
	checks := p.e.Calls("auth.checkPassword")
	if len(checks) != 1 || checks[0].Err == nil || checks[0].Err.Type != "PASSWORD_HASH_INVALID" {
		t.Fatalf("auth.checkPassword calls = %+v, want one PASSWORD_HASH_INVALID", checks)
	}
	requireUnregistered(t, p.ctx, p.c)

	// The real SRP exchange: gotd proves the password without sending it.
	login(t, p.ctx, p.c, p.a)
	for _, ev := range p.e.Calls("auth.checkPassword") {
		req := ev.Request.(*tg.AuthCheckPasswordRequest)
		if srp, ok := req.Password.(*tg.InputCheckPasswordSRP); !ok || len(srp.M1) != 32 {
			t.Errorf("checkPassword sent %T, want an SRP proof", req.Password)
		}
	}
	if _, err := p.c.api.AuthLogOut(p.ctx); err != nil {
		t.Fatal(err)
	}
	requireUnregistered(t, p.ctx, p.c)
}

func (p passwordLogin) export() (tg.AuthLoginTokenClass, error) {
	return p.c.api.AuthExportLoginToken(p.ctx, &tg.AuthExportLoginTokenRequest{APIID: 1, APIHash: "hash"})
}

func checkLoginTokenRefused(t *testing.T, p passwordLogin) {
	if _, err := p.export(); err != nil {
		t.Fatal(err)
	}
	stale, _ := p.e.PendingLoginToken()
	p.skew.Store(int64(emulator.LoginTokenTTL + time.Second))
	if _, ok := p.e.PendingLoginToken(); ok {
		t.Error("an expired token is still pending")
	}
	if _, err := p.e.ApproveLoginToken(stale, p.a.ID); !tgerr.Is(err, "AUTH_TOKEN_EXPIRED") {
		t.Errorf("approve expired: err = %v, want AUTH_TOKEN_EXPIRED", err)
	}
	if _, err := p.e.ApproveLoginToken([]byte("nonsense"), p.a.ID); !tgerr.Is(err, "AUTH_TOKEN_INVALID") {
		t.Errorf("approve unknown: err = %v, want AUTH_TOKEN_INVALID", err)
	}
}

func checkPasswordByQR(t *testing.T, p passwordLogin) {
	res, err := p.export()
	if err != nil {
		t.Fatal(err)
	}
	tok, ok := res.(*tg.AuthLoginToken)
	if !ok {
		t.Fatalf("export = %T, want auth.loginToken", res)
	}
	pending, ok := p.e.PendingLoginToken()
	if !ok || tokenString(pending) != tokenString(tok.Token) {
		t.Fatal("PendingLoginToken is not the exported token")
	}
	if _, err := p.e.ApproveLoginToken(pending, p.a.ID); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.tokens:
	case <-p.ctx.Done():
		t.Fatal("no updateLoginToken pushed")
	}
	if _, err := p.export(); !tgerr.Is(err, "SESSION_PASSWORD_NEEDED") {
		t.Fatalf("export after approval: err = %v, want SESSION_PASSWORD_NEEDED", err)
	}
	requireUnregistered(t, p.ctx, p.c)
	if _, err := p.c.Auth().Password(p.ctx, p.a.password); err != nil {
		t.Fatalf("password: %v", err)
	}
	if self, err := p.c.Self(p.ctx); err != nil || self.ID != p.a.ID {
		t.Fatalf("self = %v, %v; want %d", self, err, p.a.ID)
	}
}

// checkRevoke: Revoke also drops the connection, so that an idle client
// notices: a call racing the reconnect fails on the network, and the first
// one the server answers is refused.
func checkRevoke(t *testing.T, p passwordLogin) {
	p.e.Revoke(p.a.ID)
	for {
		_, err := p.c.api.UsersGetFullUser(p.ctx, &tg.InputUserSelf{})
		if _, isRPC := tgerr.As(err); isRPC || err == nil || p.ctx.Err() != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	requireUnregistered(t, p.ctx, p.c)
	if p.e.Online(p.a.ID) {
		t.Error("Online = true after Revoke")
	}
}
