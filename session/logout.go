package session

import (
	"context"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram"
)

// Logout ends the stored session at Telegram with auth.logOut, which
// unbinds the auth key from the account (core.telegram.org/method/auth.logOut),
// then clears it from the database; records, journal and update state stay.
// A session Telegram had already ended is only cleared, and
// alreadyEnded says so. Without a stored session it returns ErrNotLoggedIn.
func Logout(ctx context.Context, opts Options) (alreadyEnded bool, err error) {
	opts.setDefaults()
	if ok, err := Stored(ctx, opts.DB); err != nil || !ok {
		if err == nil {
			err = ErrNotLoggedIn
		}
		return false, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watch := newLoginWatch(opts.serverName(), cancel)
	timer := time.AfterFunc(loginConnectTimeout, watch.timeout)
	defer timer.Stop()
	copts, err := opts.clientOptions(nil, nil)
	if err != nil {
		return false, err
	}
	copts.Resolver = watch.wrap(ctx, copts.Resolver)
	client := telegram.NewClient(opts.AppID, opts.AppHash, copts)
	var logOutErr error
	runErr := client.Run(ctx, func(ctx context.Context) error {
		timer.Stop()
		_, logOutErr = client.API().AuthLogOut(ctx)
		return nil
	})
	switch {
	case context.Cause(ctx) != nil:
		return false, context.Cause(ctx)
	case runErr != nil:
		return false, errors.Wrap(runErr, "log out")
	case IsRevoked(logOutErr):
		alreadyEnded = true
	case logOutErr != nil:
		return false, errors.Wrap(logOutErr, "auth.logOut")
	}
	if err := opts.DB.ClearSession(); err != nil {
		return alreadyEnded, err
	}
	return alreadyEnded, nil
}
