// Package logout is `persona logout`: it ends the session at Telegram and
// clears it from the database, keeping the records.
package logout

import (
	"context"
	"fmt"
	"io"

	"github.com/go-faster/errors"

	"persona/app/instance"
	"persona/session"
)

// Run logs the stored session out. It needs the database, so it refuses
// while a daemon holds it instead of waiting.
func Run(ctx context.Context, config string, stdout, stderr io.Writer) error {
	inst, err := instance.Open(config, stderr)
	var busy *instance.BusyError
	if errors.As(err, &busy) {
		return errors.Errorf("%v: stop it first (logout needs the database), e.g. systemctl stop persona", busy)
	}
	if err != nil {
		return err
	}
	defer inst.Discard() // a database that was not there stays absent
	ended, err := session.Logout(ctx, inst.Session)
	switch {
	case errors.Is(err, session.ErrNotLoggedIn):
		fmt.Fprintln(stdout, "not logged in: no session to log out")
		return nil
	case err != nil:
		return errors.Errorf("%v; the session stays stored: try again, or end it in a Telegram app under Settings → Devices", err)
	case ended:
		fmt.Fprintln(stdout, "Telegram had already ended the session; cleared it from the database (the records stay)")
	default:
		fmt.Fprintln(stdout, "logged out; the session is cleared from the database (the records stay)")
	}
	return nil
}
