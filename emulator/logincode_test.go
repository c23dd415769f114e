package emulator_test

import (
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestLoginCodeByEmail: an account whose code goes by email gets
// auth.sentCodeTypeEmailCode with the address masked, and signs in only
// with the code as email_verification.
func TestLoginCodeByEmail(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := newAccount(e, "ann", "")
	e.SetLoginCode(a.ID, emulator.LoginCode{By: emulator.CodeByEmail, Email: "ann.smith@example.com"})
	ctx := testContext(t)
	c := connect(t, e, nil, nil)

	sent, err := c.api.AuthSendCode(ctx, &tg.AuthSendCodeRequest{PhoneNumber: a.phone, APIID: 1, APIHash: "hash"})
	if err != nil {
		t.Fatal(err)
	}
	code, ok := sent.(*tg.AuthSentCode)
	if !ok {
		t.Fatalf("sendCode = %T, want auth.sentCode", sent)
	}
	typ, ok := code.Type.(*tg.AuthSentCodeTypeEmailCode)
	if !ok || typ.EmailPattern != "a********@example.com" || typ.Length != 5 {
		t.Fatalf("sent code type = %+v, want sentCodeTypeEmailCode a********@example.com of 5", code.Type)
	}
	signIn := func(phoneCode string, ev tg.EmailVerificationClass) error {
		_, err := c.api.AuthSignIn(ctx, &tg.AuthSignInRequest{PhoneNumber: a.phone, PhoneCodeHash: code.PhoneCodeHash, PhoneCode: phoneCode, EmailVerification: ev})
		return err
	}
	for _, tt := range []struct {
		name      string
		phoneCode string
		ev        tg.EmailVerificationClass
		want      string
	}{
		{"the right code as phone_code", "12345", nil, "PHONE_CODE_INVALID"},
		{"no code", "", nil, "PHONE_CODE_EMPTY"},
		{"a wrong email code", "", &tg.EmailVerificationCode{Code: "54321"}, "EMAIL_CODE_INVALID"},
		{"a Google token", "", &tg.EmailVerificationGoogle{Token: "t"}, "EMAIL_TOKEN_INVALID"},
	} {
		if err := signIn(tt.phoneCode, tt.ev); !tgerr.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.want)
		}
	}
	requireUnregistered(t, ctx, c)
	if err := signIn("", &tg.EmailVerificationCode{Code: "12345"}); err != nil {
		t.Fatalf("sign in with the emailed code: %v", err)
	}
	if self, err := c.Self(ctx); err != nil || self.ID != a.ID {
		t.Fatalf("self = %v, %v; want %d", self, err, a.ID)
	}
}

// TestLoginCodeNotSent: when Telegram sends no code until a login email is
// set up or a payment is made, auth.sendCode says so and no code signs in.
func TestLoginCodeNotSent(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	ctx := testContext(t)
	c := connect(t, e, nil, nil)
	for _, tt := range []struct {
		by   emulator.CodeDelivery
		want func(tg.AuthSentCodeClass) (hash string, ok bool)
	}{
		{emulator.CodeNeedsEmailSetup, func(s tg.AuthSentCodeClass) (string, bool) {
			sc, ok := s.(*tg.AuthSentCode)
			if !ok {
				return "", false
			}
			_, ok = sc.Type.(*tg.AuthSentCodeTypeSetUpEmailRequired)
			return sc.PhoneCodeHash, ok
		}},
		{emulator.CodeNeedsPayment, func(s tg.AuthSentCodeClass) (string, bool) {
			p, ok := s.(*tg.AuthSentCodePaymentRequired)
			return p.GetPhoneCodeHash(), ok && p.SupportEmailAddress != ""
		}},
	} {
		a := newAccount(e, "bea", "")
		e.SetLoginCode(a.ID, emulator.LoginCode{By: tt.by})
		sent, err := c.api.AuthSendCode(ctx, &tg.AuthSendCodeRequest{PhoneNumber: a.phone, APIID: 1, APIHash: "hash"})
		if err != nil {
			t.Fatal(err)
		}
		hash, ok := tt.want(sent)
		if !ok {
			t.Fatalf("delivery %d: sendCode = %+v", tt.by, sent)
		}
		for _, req := range []*tg.AuthSignInRequest{
			{PhoneNumber: a.phone, PhoneCodeHash: hash, PhoneCode: "12345"},
			{PhoneNumber: a.phone, PhoneCodeHash: hash, EmailVerification: &tg.EmailVerificationCode{Code: "12345"}},
		} {
			if _, err := c.api.AuthSignIn(ctx, req); !tgerr.Is(err, "PHONE_CODE_INVALID") {
				t.Errorf("delivery %d: signIn %+v: err = %v, want PHONE_CODE_INVALID", tt.by, req, err)
			}
		}
		requireUnregistered(t, ctx, c)
	}
}
