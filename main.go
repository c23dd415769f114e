// Command persona is a Telegram userbot that gives contacts personal profile
// photos, controlled by commands written into your own Saved Messages.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/go-faster/errors"

	"persona/config"
	"persona/internal/daemon"
	"persona/internal/demo"
	"persona/internal/login"
	"persona/internal/sandbox"
	"persona/session"
	"persona/storage"
)

const usage = `usage: persona <command> [-config FILE]

commands:
  login     sign the account in and store the session (-qr: by QR code)
  run       run the daemon until SIGINT or SIGTERM
  demo      play a scripted session against the embedded emulator
  emulator  run the embedded Telegram emulator on loopback [-addr 127.0.0.1:10443]
  version   print the version
`

// Exit codes beyond 0 and 1.
const (
	exitNotLoggedIn = 2
	exitRevoked     = 3
	exitUsage       = 64
	exitConfig      = 78  // EX_CONFIG: the unit does not restart it
	exitInterrupted = 130 // 128 + SIGINT, as shells report Ctrl-C
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "login":
		err = loginCmd(ctx, rest, stdin, stdout, stderr)
	case "run":
		err = runCmd(ctx, rest, stderr)
	case "demo":
		err = demo.Run(ctx, stdout)
	case "emulator":
		err = emulatorCmd(ctx, rest, stdin, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "persona", session.Version)
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "persona: unknown command %q\n%s", cmd, usage)
		return exitUsage
	}
	return exitCode(err, stderr)
}

// exitCode says why a verb failed, unless the reason is already shown, and
// picks the exit code that the service unit and scripts tell apart.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return exitUsage
	case errors.Is(err, login.ErrInterrupted):
		return exitInterrupted
	case errors.Is(err, session.ErrNotLoggedIn):
		fmt.Fprintln(stderr, "persona:", session.ErrNotLoggedIn)
		return exitNotLoggedIn
	case errors.Is(err, session.ErrRevoked), errors.Is(err, session.ErrDuplicated):
		fmt.Fprintln(stderr, "persona:", err)
		return exitRevoked
	case errors.Is(err, config.ErrInvalid), errors.As(err, new(*storage.OtherAccountError)):
		// Another account's database is a storage.path to change, like a config error.
		fmt.Fprintln(stderr, "persona:", err)
		return exitConfig
	default:
		fmt.Fprintln(stderr, "persona:", err)
		return 1
	}
}

func loginCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	opts := login.Options{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	var err error
	opts.Config, err = configFlag("login", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&opts.QR, "qr", false, "log in by scanning a QR code with a phone")
	})
	if err != nil {
		return err
	}
	return login.Run(ctx, opts)
}

func runCmd(ctx context.Context, args []string, stderr io.Writer) error {
	path, err := configFlag("run", args, stderr, nil)
	if err != nil {
		return err
	}
	return daemon.Serve(ctx, path, stderr)
}

func emulatorCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("persona emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:10443", "where to listen (loopback only); port 0 picks a free one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return sandbox.Run(ctx, *addr, stdin, stdout)
}

// configFlag parses -config, defaulting to $PERSONA_CONFIG or config.toml.
func configFlag(name string, args []string, stderr io.Writer, extra func(*flag.FlagSet)) (string, error) {
	fs := flag.NewFlagSet("persona "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", "", "config file (default $PERSONA_CONFIG, else config.toml)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", errors.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return *path, nil
}
