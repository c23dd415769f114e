// Package initcmd is `persona init`: a guided first setup that writes the
// config file and offers to log in.
package initcmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-faster/errors"

	"persona/app/login"
	"persona/config"
)

// ErrExists: the config file is there already and -force was not given.
var ErrExists = errors.New("config file exists")

// EnvServer is a testing knob, not part of the interface: a
// [telegram.server] section init appends to the config it writes, so the
// e2e tests can point it at the emulator (DEVELOPERS.md).
const EnvServer = "PERSONA_INIT_SERVER"

// Options configure init.
type Options struct {
	Config string // the file to write; config.DefaultPath when empty
	Force  bool   // overwrite an existing file

	Stdin          io.Reader
	Stdout, Stderr io.Writer // the result; the questions and the log
}

// Run asks, writes the config and offers to log in.
func Run(ctx context.Context, opts Options) error {
	path := opts.Config
	if path == "" {
		path = config.DefaultPath()
	}
	if _, err := os.Stat(path); err == nil && !opts.Force {
		return errors.Wrapf(ErrExists, "%s is there already: edit it, or run \"persona init -force\" to replace it", path)
	}
	ask := login.NewPrompter(opts.Stdin, opts.Stderr)
	a, err := askAll(ctx, ask)
	if err != nil {
		return interrupted(ctx, err)
	}
	if err := write(path, render(a, os.Getenv(EnvServer))); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stdout, "wrote %s (mode 0600)\n", path)
	how, err := askLogin(ctx, ask)
	if err != nil {
		return interrupted(ctx, err)
	}
	if how == "no" {
		fmt.Fprintf(opts.Stdout, "log in later with: persona login -config %s\n", path)
		return nil
	}
	return login.Run(ctx, login.Options{Config: path, QR: how == "qr", Prompter: ask, Stdout: opts.Stdout, Stderr: opts.Stderr})
}

// interrupted is Ctrl-C at a question, as login reports it.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return login.ErrInterrupted
	}
	return err
}

// answers are what init asks for.
type answers struct {
	appID   string
	appHash string
	phone   string // may be empty: login asks
}

const intro = `Persona signs in as your own Telegram account through an app of its own:
Telegram gives every app an api_id and an api_hash. Get yours at
https://my.telegram.org → API development tools (any title and short name will do).`

func askAll(ctx context.Context, ask *login.Prompter) (answers, error) {
	if ask.Terminal() {
		ask.Tell(intro)
	}
	var a answers
	var err error
	if a.appID, err = askValid(ctx, ask, "app_id (a number): ", false, checkAppID); err != nil {
		return a, err
	}
	if a.appHash, err = askValid(ctx, ask, "app_hash (32 characters, 0-9 and a-f; not shown): ", true, checkAppHash); err != nil {
		return a, err
	}
	a.phone, err = askValid(ctx, ask, "Phone number with the country code, e.g. +15551234567 (Enter: ask at login): ", false, checkPhone)
	return a, err
}

// askValid asks until the answer passes check on a terminal; off a terminal
// a bad answer ends init with the reason.
func askValid(ctx context.Context, ask *login.Prompter, question string, secret bool, check func(string) (string, error)) (string, error) {
	for {
		s, err := ask.Ask(ctx, question, secret)
		if err != nil {
			return "", err
		}
		v, err := check(strings.TrimSpace(s))
		if err == nil {
			return v, nil
		}
		if !ask.Terminal() {
			return "", err
		}
		ask.Tell(err.Error() + "; try again")
	}
}

// askLogin is the last question: "yes", "no" or "qr". No answer at all
// (the input ended) is "no".
func askLogin(ctx context.Context, ask *login.Prompter) (string, error) {
	s, err := askValid(ctx, ask, "Log in now? yes, no, or qr to scan a QR code [yes]: ", false, checkLogin)
	if errors.Is(err, login.ErrNoAnswer) && ctx.Err() == nil {
		return "no", nil
	}
	return s, err
}

// write writes the config with mode 0600 (it holds the api_hash), whole or
// not at all.
func write(path string, text string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errors.Wrap(err, "create the config's folder")
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return errors.Wrap(err, "write the config")
	}
	defer func() { _ = os.Remove(f.Name()) }() // after a failure; gone after the rename
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return errors.Wrap(err, "write the config")
	}
	return nil
}
