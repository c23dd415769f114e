package session

import (
	"context"

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
	d := tg.NewUpdateDispatcher()
	loggedIn := qrlogin.OnLoginToken(d)
	return login(ctx, opts, d, func(ctx context.Context, client *telegram.Client) error {
		_, err := client.QR().Auth(ctx, loggedIn, func(ctx context.Context, t qrlogin.Token) error {
			return show(ctx, t)
		})
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return context.Cause(ctx)
		case tgerr.Is(err, "SESSION_PASSWORD_NEEDED"):
			return enterPassword(ctx, client.Auth(), p)
		}
		return explainLogin(err)
	})
}
