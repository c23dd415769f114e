package emulator

import (
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
	"github.com/gotd/td/tgtest"
)

// LoginTokenTTL is how long a QR login token stays valid, as on Telegram.
const LoginTokenTTL = 30 * time.Second

var errAuthKeyUnregistered = tgerr.New(401, "AUTH_KEY_UNREGISTERED")

func (c *call) exportLoginToken(req *tg.AuthExportLoginTokenRequest) (bin.Encoder, error) {
	defer c.lock()()
	if req.APIID <= 0 || req.APIHash == "" {
		return nil, errAPIIDInvalid
	}
	w := c.e.world
	if u := w.users[c.userID]; u != nil {
		// Already logged in: gotd's qrlogin exports once more after an
		// approval it saw by export rather than by updateLoginToken.
		return &tg.AuthLoginTokenSuccess{Authorization: &tg.AuthAuthorization{User: w.tgUser(u.id, u)}}, nil
	}
	now := c.e.now()
	for tok, t := range w.tokens {
		if t.key != c.keyID {
			continue
		}
		if t.approved != 0 {
			return c.approvedToken(tok, t)
		}
		if now.After(t.expires) {
			delete(w.tokens, tok)
		}
	}
	tok := randomBytes(32)
	w.tokens[string(tok)] = &loginToken{key: c.keyID, expires: now.Add(LoginTokenTTL)}
	return &tg.AuthLoginToken{Expires: int(now.Add(LoginTokenTTL).Unix()), Token: tok}, nil
}

func (c *call) tokenSuccess(u *user) (bin.Encoder, error) {
	res, err := c.authorized(u)
	if err != nil {
		return nil, err
	}
	return &tg.AuthLoginTokenSuccess{Authorization: res.(*tg.AuthAuthorization)}, nil
}

func (c *call) importLoginToken(req *tg.AuthImportLoginTokenRequest) (bin.Encoder, error) {
	defer c.lock()()
	t := c.e.world.tokens[string(req.Token)]
	switch {
	case t == nil:
		return nil, errTokenInvalid
	case t.approved == 0:
		return nil, errTokenInvalid
	}
	return c.approvedToken(string(req.Token), t)
}

// approvedToken logs the caller in with an approved token, or, when the
// account lives on another DC, answers auth.loginTokenMigrateTo: the client
// then imports the token there (core.telegram.org/api/qr-login; TDLib's
// AuthManager sends auth.importLoginToken to that DC, gotd's qrlogin
// migrates its primary DC first).
func (c *call) approvedToken(tok string, t *loginToken) (bin.Encoder, error) {
	w := c.e.world
	u := w.users[t.approved]
	if u.dc != c.dc {
		return &tg.AuthLoginTokenMigrateTo{DCID: u.dc, Token: []byte(tok)}, nil
	}
	delete(w.tokens, tok)
	return c.tokenSuccess(u)
}

// acceptLoginToken is what the phone app calls after scanning the QR code.
func (c *call) acceptLoginToken(req *tg.AuthAcceptLoginTokenRequest) (bin.Encoder, error) {
	s, err := c.e.ApproveLoginToken(req.Token, c.userID)
	if err != nil {
		return nil, err
	}
	_ = s
	return &tg.Authorization{Current: false, DeviceModel: "emulator", Platform: "emulator", AppName: "emulator"}, nil
}

// PendingLoginToken is the newest unexpired, unapproved QR login token: what
// a test "scans" from the terminal.
func (e *Emulator) PendingLoginToken() ([]byte, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var (
		best []byte
		exp  time.Time
	)
	for tok, t := range e.world.tokens {
		if t.approved == 0 && e.now().Before(t.expires) && t.expires.After(exp) {
			best, exp = []byte(tok), t.expires
		}
	}
	return best, best != nil
}

// ApproveLoginToken accepts a QR login token for the account, as the phone
// app does, and tells the waiting client with updateLoginToken.
func (e *Emulator) ApproveLoginToken(token []byte, account int64) (tgtest.Session, error) {
	e.mu.Lock()
	t := e.world.tokens[string(token)]
	switch {
	case t == nil || e.world.users[account] == nil:
		e.mu.Unlock()
		return tgtest.Session{}, errTokenInvalid
	case e.now().After(t.expires):
		e.mu.Unlock()
		return tgtest.Session{}, errTokenExpired
	}
	t.approved = account
	s, ok := e.world.sessions[t.key]
	e.mu.Unlock()
	if ok {
		upd := &tg.UpdateShort{Update: &tg.UpdateLoginToken{}, Date: int(e.now().Unix())}
		_ = e.send(s, upd)
		e.events.add(Event{Kind: EventPush, DC: s.dc, Result: upd, Time: e.now()})
	}
	return s.Session, nil
}
