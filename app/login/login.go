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

	"persona/app/instance"
	"persona/internal/names"
	"persona/session"
)

// ErrInterrupted: Ctrl-C (or SIGTERM) ended a login at a prompt.
var ErrInterrupted = errors.New("interrupted")

// Options configure a login.
type Options struct {
	Config      string // the config file; config.DefaultPath when empty
	QR          bool   // by QR code instead of phone and code
	NewDatabase bool   // move the database aside under a dated name and start a new one

	Stdin          io.Reader // the answers
	Prompter       *Prompter // asks instead of a new one on Stdin: init's, which read the lines before
	Stdout, Stderr io.Writer // the result and the QR code; the questions and the log
}

// Run logs the account in and prints who it is. A login that stores no
// session leaves the database as it was: a file it created is removed, a
// file -new-database moved aside is put back.
func Run(ctx context.Context, opts Options) error {
	inst, err := instance.Open(opts.Config, opts.Stderr)
	if err != nil {
		return err
	}
	var moved *movedAside
	if opts.NewDatabase && !inst.Created {
		if inst, moved, err = moveAside(inst, opts.Config, opts.Stderr); err != nil {
			return err
		}
	}
	self, err := signIn(ctx, inst, opts)
	if err != nil {
		inst.Discard()
		if moved != nil {
			moved.undo()
		}
		return err
	}
	inst.Close()
	if moved != nil {
		fmt.Fprintf(opts.Stdout, "the old database is now %s\n", moved.to)
	}
	fmt.Fprintf(opts.Stdout, "logged in as %s (id %d)\n", names.Of(self), self.ID)
	return nil
}

// signIn runs the login on the opened instance.
func signIn(ctx context.Context, inst *instance.Instance, opts Options) (*tg.User, error) {
	ask := opts.Prompter
	if ask == nil {
		ask = NewPrompter(opts.Stdin, opts.Stderr)
	}
	var self *tg.User
	var err error
	if opts.QR {
		show, remove := qrShower(opts.Stdout, filepath.Dir(inst.Config.Path))
		defer remove()
		self, err = session.LoginQR(ctx, inst.Session, show, ask)
	} else {
		self, err = session.Login(ctx, inst.Session, inst.Config.Telegram.Phone, ask)
	}
	if err != nil && ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	return self, err
}
