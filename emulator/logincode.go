package emulator

import (
	"strings"
	"unicode/utf8"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// CodeDelivery is where Telegram sends an account's login code, as
// auth.sendCode tells the client (core.telegram.org/api/auth; TDLib
// AuthManager::on_sent_code).
type CodeDelivery int

const (
	// CodeToApp: auth.sentCodeTypeApp, a message to the account's other
	// sessions. The default.
	CodeToApp CodeDelivery = iota
	// CodeByEmail: auth.sentCodeTypeEmailCode, to the account's login email;
	// the answer carries only its masked pattern, and auth.signIn takes the
	// code as email_verification (core.telegram.org/api/auth#email-verification).
	CodeByEmail
	// CodeNeedsEmailSetup: auth.sentCodeTypeSetUpEmailRequired, no code is
	// sent until a login email is set up (TDLib's WaitEmailAddress state).
	CodeNeedsEmailSetup
	// CodeNeedsPayment: auth.sentCodePaymentRequired, no code is sent until
	// Telegram Premium is bought (TDLib's WaitPremiumPurchase state).
	CodeNeedsPayment
)

// LoginCode says how auth.sendCode answers for an account.
type LoginCode struct {
	By CodeDelivery
	// Email is the login email a CodeByEmail code goes to; the client only
	// sees it masked. Defaults to one made from the account's first name.
	Email string
}

var (
	// The wrong emailed code: Telegram-iOS (TelegramCore Authorization.swift,
	// authorizeWithCode) reads it as an invalid code, like PHONE_CODE_INVALID.
	errEmailCodeInvalid = tgerr.New(400, "EMAIL_CODE_INVALID")
	// A Google or Apple token where the account has none on file (idem).
	errEmailTokenInvalid = tgerr.New(400, "EMAIL_TOKEN_INVALID")
	// core.telegram.org/method/auth.signIn: "phone_code is missing".
	errPhoneCodeEmpty = tgerr.New(400, "PHONE_CODE_EMPTY")
)

// SetLoginCode changes how the account's next login codes are sent.
func (e *Emulator) SetLoginCode(account int64, lc LoginCode) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.world.users[account]; u != nil {
		u.loginCode = lc
	}
}

// sentCode is auth.sendCode's answer for an account (nil: none yet, the
// code goes to the app) whose pending login has hash.
func sentCode(u *user, hash string) tg.AuthSentCodeClass {
	by := CodeToApp
	if u != nil {
		by = u.loginCode.By
	}
	switch by {
	case CodeByEmail:
		return &tg.AuthSentCode{
			Type:          &tg.AuthSentCodeTypeEmailCode{EmailPattern: emailPattern(u.loginEmail()), Length: len(u.code)},
			PhoneCodeHash: hash,
		}
	case CodeNeedsEmailSetup:
		return &tg.AuthSentCode{Type: &tg.AuthSentCodeTypeSetUpEmailRequired{}, PhoneCodeHash: hash}
	case CodeNeedsPayment:
		// The product, address and price are the emulator's own; the
		// constructor's fields are core.telegram.org/constructor/auth.sentCodePaymentRequired.
		return &tg.AuthSentCodePaymentRequired{
			StoreProduct:        "org.telegram.premium.login",
			PhoneCodeHash:       hash,
			SupportEmailAddress: "login@emulator.invalid",
			SupportEmailSubject: "Login payment",
			PremiumDays:         7,
			Currency:            "USD",
			Amount:              99,
		}
	}
	return &tg.AuthSentCode{Type: &tg.AuthSentCodeTypeApp{Length: 5}, PhoneCodeHash: hash}
}

func (u *user) loginEmail() string {
	if u.loginCode.Email != "" {
		return u.loginCode.Email
	}
	return strings.ToLower(u.first) + "@example.com"
}

// emailPattern masks an address as the pattern auth.sentCodeTypeEmailCode
// carries ("Pattern of the email"): the first letter of the name, the
// rest starred, the domain whole.
func emailPattern(addr string) string {
	name, domain, ok := strings.Cut(addr, "@")
	if !ok || name == "" {
		return "***"
	}
	first, size := utf8.DecodeRuneInString(name)
	return string(first) + strings.Repeat("*", max(utf8.RuneCountInString(name[size:]), 3)) + "@" + domain
}

// checkCode checks the code auth.signIn carries against the one sent, the
// way it was sent (p.by): an emailed code comes as email_verification
// (TDLib AuthManager::send_auth_sign_in_query sets EMAIL_VERIFICATION_MASK
// instead of PHONE_CODE_MASK); when no code was sent, no code is right.
func checkCode(req *tg.AuthSignInRequest, p *pendingLogin, u *user) *tgerr.Error {
	switch p.by {
	case CodeByEmail:
		return checkEmailCode(req, u)
	case CodeNeedsEmailSetup, CodeNeedsPayment:
		if req.PhoneCode == "" && req.EmailVerification == nil {
			return errPhoneCodeEmpty
		}
		return errPhoneCodeInvalid
	}
	switch {
	case req.PhoneCode == "":
		return errPhoneCodeEmpty
	case req.PhoneCode != u.code:
		return errPhoneCodeInvalid
	}
	return nil
}

func checkEmailCode(req *tg.AuthSignInRequest, u *user) *tgerr.Error {
	switch v := req.EmailVerification.(type) {
	case *tg.EmailVerificationCode:
		if v.Code != u.code {
			return errEmailCodeInvalid
		}
		return nil
	case nil:
		if req.PhoneCode == "" {
			return errPhoneCodeEmpty
		}
		return errPhoneCodeInvalid // no code went to the phone
	default: // a Google or Apple token: the emulator's accounts link neither
		return errEmailTokenInvalid
	}
}
