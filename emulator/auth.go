package emulator

import (
	"encoding/hex"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// pendingLogin is a login in progress on one auth key.
type pendingLogin struct {
	phone        string
	codeHash     string
	by           CodeDelivery // how the code was sent (logincode.go)
	userID       int64
	needPassword bool // the code (or QR) was right; 2FA remains
}

type loginToken struct {
	key      [8]byte
	expires  time.Time
	approved int64 // the account that accepted it, 0 while pending
}

func (e *Emulator) registerAuth(m map[uint32]method) {
	register(m, true, (*call).sendCode)
	register(m, true, (*call).signIn)
	register(m, true, (*call).getPassword)
	register(m, true, (*call).checkPassword)
	register(m, true, (*call).logOut)
	register(m, true, (*call).exportLoginToken)
	register(m, true, (*call).importLoginToken)
	register(m, false, (*call).acceptLoginToken)
}

func (c *call) lock() func() {
	c.e.mu.Lock()
	return c.e.mu.Unlock
}

func (c *call) sendCode(req *tg.AuthSendCodeRequest) (bin.Encoder, error) {
	defer c.lock()()
	if req.APIID <= 0 || req.APIHash == "" {
		return nil, errAPIIDInvalid
	}
	phone := digits(req.PhoneNumber)
	if len(phone) < 5 {
		return nil, errPhoneInvalid
	}
	// A login goes to the DC where the account lives; gotd's invokeDirect
	// then makes that DC its primary, TDLib's set_main_dc_id likewise.
	u := c.e.world.accountByPhone(phone)
	if u != nil && u.dc != c.dc {
		return nil, phoneMigrate(u.dc)
	}
	p := &pendingLogin{phone: phone, codeHash: hex.EncodeToString(randomBytes(8))}
	if u != nil {
		p.by = u.loginCode.By
	}
	c.e.world.pending[c.keyID] = p
	return sentCode(u, p.codeHash), nil
}

func (w *world) accountByPhone(phone string) *user {
	for _, u := range w.users {
		if u.account && u.phone == phone {
			return u
		}
	}
	return nil
}

func (c *call) signIn(req *tg.AuthSignInRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	p := w.pending[c.keyID]
	switch {
	case req.PhoneCodeHash == "":
		return nil, errPhoneCodeHash
	case p == nil || p.codeHash != req.PhoneCodeHash || p.phone != digits(req.PhoneNumber):
		return nil, errPhoneCodeExpired
	}
	u := w.accountByPhone(p.phone)
	if u == nil {
		return nil, errPhoneUnoccupied
	}
	if err := checkCode(req, p, u); err != nil {
		return nil, err
	}
	return c.authorized(u)
}

// authorized finishes a login whose first factor was right: 2FA next, or done.
func (c *call) authorized(u *user) (bin.Encoder, error) {
	w := c.e.world
	if u.password != nil {
		w.pending[c.keyID] = &pendingLogin{userID: u.id, needPassword: true}
		return nil, errPasswordNeeded
	}
	return c.bind(u), nil
}

func (c *call) bind(u *user) *tg.AuthAuthorization {
	w := c.e.world
	delete(w.pending, c.keyID)
	delete(w.imported, c.keyID)
	w.keys[c.keyID] = u.id
	c.userID = u.id
	return &tg.AuthAuthorization{User: w.tgUser(u.id, u)}
}

func (c *call) passwordUser() *user {
	w := c.e.world
	if p := w.pending[c.keyID]; p != nil && p.needPassword {
		return w.users[p.userID]
	}
	return w.users[c.userID]
}

func (c *call) getPassword(*tg.AccountGetPasswordRequest) (bin.Encoder, error) {
	defer c.lock()()
	u := c.passwordUser()
	if u == nil {
		return nil, errAuthKeyUnregistered
	}
	out := &tg.AccountPassword{
		NewAlgo:       &tg.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{Salt1: randomBytes(8), Salt2: randomBytes(16), G: 3, P: srpPrime},
		NewSecureAlgo: &tg.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000{Salt: randomBytes(8)},
		SecureRandom:  randomBytes(256),
	}
	if pw := u.password; pw != nil {
		pw.begin()
		out.HasPassword = true
		out.CurrentAlgo = pw.algo()
		out.SRPB = pw.srpB
		out.SRPID = pw.srpID
	}
	out.SetFlags()
	return out, nil
}

func (c *call) checkPassword(req *tg.AuthCheckPasswordRequest) (bin.Encoder, error) {
	defer c.lock()()
	p := c.e.world.pending[c.keyID]
	if p == nil || !p.needPassword {
		return nil, errPasswordInvalid
	}
	u := c.e.world.users[p.userID]
	srpReq, ok := req.Password.(*tg.InputCheckPasswordSRP)
	if !ok || u == nil || u.password == nil {
		return nil, errPasswordInvalid
	}
	if srpReq.SRPID != u.password.srpID {
		return nil, errSRPIDInvalid
	}
	if !u.password.check(srpReq.SRPID, srpReq.A, srpReq.M1) {
		return nil, errPasswordInvalid
	}
	return c.bind(u), nil
}

// logOut ends the authorization (core.telegram.org/method/auth.logOut:
// "Logs out the user", answering auth.loggedOut): the key is no longer
// bound to the account, so its next call that needs one is
// AUTH_KEY_UNREGISTERED, as for any key that never signed in.
func (c *call) logOut(*tg.AuthLogOutRequest) (bin.Encoder, error) {
	defer c.lock()()
	delete(c.e.world.keys, c.keyID)
	delete(c.e.world.imported, c.keyID)
	delete(c.e.world.pending, c.keyID)
	return &tg.AuthLoggedOut{}, nil
}
