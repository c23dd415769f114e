// Package login is `persona login`: it asks for the phone, the code and the
// password, or shows a QR code, and stores the session.
package login

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/handlers"
	"persona/internal/instance"
	"persona/session"
)

// ErrInterrupted: Ctrl-C (or SIGTERM) ended a login at a prompt.
var ErrInterrupted = errors.New("interrupted")

// Options configure a login.
type Options struct {
	Config string // the config file; config.DefaultPath when empty
	QR     bool   // by QR code instead of phone and code

	Stdin          io.Reader // the answers
	Stdout, Stderr io.Writer // the result and the QR code; the questions and the log
}

// Run logs the account in and prints who it is.
func Run(ctx context.Context, opts Options) error {
	inst, err := instance.Open(opts.Config, opts.Stderr)
	if err != nil {
		return err
	}
	defer inst.Close()
	ask := newPrompter(opts.Stdin, opts.Stderr)
	var self *tg.User
	if opts.QR {
		show, remove := qrShower(opts.Stdout, filepath.Dir(inst.Config.Path))
		defer remove()
		self, err = session.LoginQR(ctx, inst.Session, show, ask)
	} else {
		self, err = session.Login(ctx, inst.Session, inst.Config.Telegram.Phone, ask)
	}
	if err != nil && ctx.Err() != nil {
		return ErrInterrupted
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "logged in as %s (id %d)\n", handlers.DisplayName(self), self.ID)
	return nil
}
