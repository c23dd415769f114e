package session

import (
	"context"
	"strings"

	"github.com/gotd/td/telegram"
	"github.com/gotd/td/telegram/auth/qrlogin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// ShowQR displays a login token: called again with a new one each time the
// previous expires.
type ShowQR func(ctx context.Context, token qrlogin.Token) error

// LoginQR signs in by QR code: show draws the token, a phone app scans and
// accepts it, then the 2FA password is asked if the account has one.
func LoginQR(ctx context.Context, opts Options, show ShowQR, p Prompter) (*tg.User, error) {
	opts.setDefaults()
	d := tg.NewUpdateDispatcher()
	loggedIn := qrlogin.OnLoginToken(d)
	copts, err := opts.clientOptions(d, nil)
	if err != nil {
		return nil, err
	}
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)
	var self *tg.User
	err = client.Run(ctx, func(ctx context.Context) error {
		if _, err := client.QR().Auth(ctx, loggedIn, func(ctx context.Context, t qrlogin.Token) error {
			return show(ctx, t)
		}); err != nil {
			if !tgerr.Is(err, "SESSION_PASSWORD_NEEDED") {
				return explainLogin(err)
			}
			pw, err := p.Ask(ctx, "2FA password: ", true)
			if err != nil {
				return err
			}
			if _, err := client.Auth().Password(ctx, strings.TrimRight(pw, "\r\n")); err != nil {
				return explainLogin(err)
			}
		}
		self, err = selfOf(ctx, client)
		return err
	})
	return self, err
}
