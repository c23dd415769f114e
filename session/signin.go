package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// tries is how often a mistyped answer (phone, code, password) is asked for.
const tries = 3

// wrongCode are Telegram's errors for a mistyped login code; an emailed
// one is EMAIL_CODE_INVALID (Telegram-iOS, TelegramCore Authorization.swift,
// reads both as an invalid code).
var wrongCode = []string{"PHONE_CODE_INVALID", "PHONE_CODE_EMPTY", "EMAIL_CODE_INVALID"}

var (
	errWrongCode     = errors.New("wrong login code")
	errWrongPassword = errors.New("wrong 2FA password")
)

// authClient is the part of gotd's auth client a login by code uses, and
// a sign-in with an emailed code, which gotd's lacks (emailauth.go).
type authClient interface {
	Status(ctx context.Context) (*auth.Status, error)
	SendCode(ctx context.Context, phone string, options auth.SendCodeOptions) (tg.AuthSentCodeClass, error)
	SignIn(ctx context.Context, phone, code, codeHash string) (*tg.AuthAuthorization, error)
	SignInEmail(ctx context.Context, phone, code, codeHash string) (*tg.AuthAuthorization, error)
	Password(ctx context.Context, password string) (*tg.AuthAuthorization, error)
}

// signIn is gotd's auth.Flow, asking again after a mistyped answer instead
// of ending the login.
func signIn(ctx context.Context, c authClient, phone string, p Prompter) error {
	status, err := c.Status(ctx)
	if err != nil {
		return errors.Wrap(err, "auth status")
	}
	if status.Authorized {
		return nil // the stored session is still good
	}
	if phone == "" {
		if phone, err = askPhone(ctx, p); err != nil {
			return err
		}
	}
	sent, err := c.SendCode(ctx, phone, auth.SendCodeOptions{})
	if err != nil {
		return explainLogin(err)
	}
	switch s := sent.(type) {
	case *tg.AuthSentCode:
		d, err := deliveryOf(s.Type)
		if err != nil {
			return err
		}
		if d.email { // said also when a script answers, where no prompt shows
			tell(p, "Telegram sent the login code by email this time, to "+strings.TrimPrefix(d.where, "sent by email to ")+".")
		}
		return enterCode(ctx, c, phone, s.PhoneCodeHash, d, p)
	case *tg.AuthSentCodePaymentRequired:
		return paymentRequired(s)
	case *tg.AuthSentCodeSuccess:
		if _, ok := s.Authorization.(*tg.AuthAuthorization); ok {
			return nil
		}
		return errNoAccount
	default:
		return errors.Errorf("unexpected answer to auth.sendCode: %T", sent)
	}
}

func askPhone(ctx context.Context, p Prompter) (string, error) {
	for try := 1; ; try++ {
		s, err := p.Ask(ctx, "Phone number (with country code, e.g. +15551234567): ", false)
		if err != nil {
			return "", err
		}
		phone, hint := normalizePhone(s)
		if hint == "" {
			return phone, nil
		}
		if try == tries {
			return "", errors.New(hint)
		}
		tell(p, hint+"; try again")
	}
}

// normalizePhone drops the spaces, dashes, dots and brackets people type
// in phone numbers; hint says what is wrong with it, never echoing it.
func normalizePhone(s string) (phone, hint string) {
	phone = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t-.()", r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	digits := strings.TrimPrefix(phone, "+")
	switch {
	case phone == "":
		return "", "no phone number given"
	case strings.Trim(digits, "0123456789") != "":
		return "", "a phone number has only digits after the +"
	case !strings.HasPrefix(phone, "+"):
		return "", "type the phone number in international format: + and the country code first, e.g. +15551234567"
	case len(digits) < 7 || len(digits) > 15:
		return "", "that phone number has too few or too many digits"
	}
	return phone, ""
}

func enterCode(ctx context.Context, c authClient, phone, hash string, d delivery, p Prompter) error {
	submit := c.SignIn
	if d.email {
		submit = c.SignInEmail
	}
	for try := 1; ; try++ {
		code, err := p.Ask(ctx, d.prompt(), true)
		if err != nil {
			if try > 1 && ctx.Err() == nil {
				return errWrongCode // the answers ran out after a mistyped one
			}
			return err
		}
		_, err = submit(ctx, phone, strings.TrimSpace(code), hash)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, auth.ErrPasswordAuthNeeded):
			return enterPassword(ctx, c, p)
		case tgerr.Is(err, wrongCode...) && try < tries:
			tell(p, fmt.Sprintf("That code is wrong; try again (%s left).", left(try)))
		default:
			return explainLogin(err)
		}
	}
}

// enterPassword asks the 2FA password, again when it was mistyped.
func enterPassword(ctx context.Context, c interface {
	Password(ctx context.Context, password string) (*tg.AuthAuthorization, error)
}, p Prompter) error {
	for try := 1; ; try++ {
		pw, err := p.Ask(ctx, "2FA password: ", true)
		switch {
		case err != nil && try > 1 && ctx.Err() == nil:
			return errWrongPassword
		case err != nil:
			return err
		case strings.TrimRight(pw, "\r\n") == "":
			return explainLogin(auth.ErrPasswordNotProvided)
		}
		_, err = c.Password(ctx, strings.TrimRight(pw, "\r\n"))
		switch {
		case err == nil:
			return nil
		case errors.Is(explainLogin(err), errWrongPassword) && try < tries:
			tell(p, fmt.Sprintf("That password is wrong; try again (%s left).", left(try)))
		default:
			return explainLogin(err)
		}
	}
}

func left(try int) string {
	if n := tries - try; n != 1 {
		return fmt.Sprintf("%d tries", n)
	}
	return "1 try"
}
