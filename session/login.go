package session

import (
	"context"
	"strings"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// Prompter asks the user one question and returns the answer. secret
// answers (code, password) must not be echoed.
type Prompter interface {
	Ask(ctx context.Context, question string, secret bool) (string, error)
}

// Login signs the account in (phone, code, 2FA password) and stores the
// session. phone may be empty to ask for it.
func Login(ctx context.Context, opts Options, phone string, p Prompter) (*tg.User, error) {
	opts.setDefaults()
	copts, err := opts.clientOptions(nil, nil)
	if err != nil {
		return nil, err
	}
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)
	var self *tg.User
	err = client.Run(ctx, func(ctx context.Context) error {
		flow := auth.NewFlow(prompted{phone: phone, p: p}, auth.SendCodeOptions{})
		if err := client.Auth().IfNecessary(ctx, flow); err != nil {
			return explainLogin(err)
		}
		self, err = selfOf(ctx, client)
		return err
	})
	return self, err
}

// selfOf fetches the account a finished login signed in.
func selfOf(ctx context.Context, client *telegram.Client) (*tg.User, error) {
	s, err := client.Self(ctx)
	if err != nil {
		return nil, errors.Wrap(err, "self")
	}
	return s, nil
}

// explainLogin turns Telegram's login errors into plain words.
func explainLogin(err error) error {
	switch {
	case auth.IsKeyUnregistered(err):
		return errors.New("Telegram did not accept the session; try again")
	case errors.Is(err, auth.ErrPasswordInvalid):
		return errors.New("wrong 2FA password")
	case errors.Is(err, auth.ErrPasswordNotProvided):
		return errors.New("the account has a 2FA password; none was given")
	case tgerr.Is(err, "PHONE_CODE_INVALID"):
		return errors.New("wrong login code")
	case tgerr.Is(err, "PHONE_CODE_EXPIRED"):
		return errors.New("the login code expired; run login again")
	case tgerr.Is(err, "PHONE_NUMBER_INVALID"):
		return errors.New("Telegram says the phone number is invalid")
	case tgerr.Is(err, "PHONE_NUMBER_UNOCCUPIED"), errors.As(err, new(*auth.SignUpRequired)):
		return errors.New("no Telegram account uses this phone number; sign up in a Telegram app first")
	case tgerr.Is(err, "API_ID_INVALID"):
		return errors.New("Telegram rejected telegram.app_id / telegram.app_hash")
	}
	return errors.Wrap(err, "login")
}

// prompted is gotd's UserAuthenticator over a Prompter.
type prompted struct {
	phone string
	p     Prompter
}

func (a prompted) Phone(ctx context.Context) (string, error) {
	if a.phone != "" {
		return a.phone, nil
	}
	s, err := a.p.Ask(ctx, "Phone number (international format, e.g. +15550001111): ", false)
	return strings.TrimSpace(s), err
}

func (a prompted) Password(ctx context.Context) (string, error) {
	s, err := a.p.Ask(ctx, "2FA password: ", true)
	if err == nil && s == "" {
		return "", auth.ErrPasswordNotProvided
	}
	return strings.TrimRight(s, "\r\n"), err
}

func (a prompted) Code(ctx context.Context, _ *tg.AuthSentCode) (string, error) {
	s, err := a.p.Ask(ctx, "Login code (sent to your Telegram app): ", true)
	return strings.TrimSpace(s), err
}

func (a prompted) AcceptTermsOfService(context.Context, tg.HelpTermsOfService) error {
	return errors.New("the account must accept Telegram's terms of service in a Telegram app first")
}

func (a prompted) SignUp(context.Context) (auth.UserInfo, error) {
	return auth.UserInfo{}, errors.New("no Telegram account uses this phone number; sign up in a Telegram app first")
}
