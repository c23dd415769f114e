// Command persona is a Telegram userbot that gives contacts personal profile
// photos, controlled by commands written into your own Saved Messages.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/go-faster/errors"

	"persona/app/backup"
	"persona/app/daemon"
	"persona/app/demo"
	"persona/app/initcmd"
	"persona/app/login"
	"persona/app/logout"
	"persona/app/sandbox"
	"persona/config"
	"persona/session"
	"persona/storage"
)

const usage = `usage: persona <command> [flags]

commands:
  init      write a config file step by step, then offer to log in
  login     sign the account in and store the session (-qr: by QR code)
  run       run the daemon until SIGINT or SIGTERM
  backup    write a consistent copy of the database, also while run holds it
  logout    log the session out at Telegram and clear it from the database
  demo      play a scripted session against the embedded emulator
  emulator  run the embedded Telegram emulator on loopback [-addr 127.0.0.1:10443]
  version   print the version

"persona <command> -h" explains a command and its flags.
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
	case "init":
		err = initCmd(ctx, rest, stdin, stdout, stderr)
	case "login":
		err = loginCmd(ctx, rest, stdin, stdout, stderr)
	case "run":
		err = runCmd(ctx, rest, stdout, stderr)
	case "backup":
		err = backupCmd(ctx, rest, stdout)
	case "logout":
		err = logoutCmd(ctx, rest, stdout, stderr)
	case "demo":
		if err = noFlags(verbDemo, rest, stdout); err == nil {
			err = demo.Run(ctx, stdout)
		}
	case "emulator":
		err = emulatorCmd(ctx, rest, stdin, stdout)
	case "version", "-version", "--version":
		if err = noFlags(verbVersion, rest, stdout); err == nil {
			fmt.Fprintln(stdout, "persona", session.Version)
		}
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" && !isHelp(rest[:1]) {
			return run([]string{rest[0], "-h"}, stdin, stdout, stderr) // persona help login
		}
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
	var bad *usageError
	switch {
	case err == nil, errors.Is(err, errHelpShown):
		return 0
	case errors.As(err, &bad):
		fmt.Fprintf(stderr, "persona: %v\n%s", bad.err, bad.verb.synopsis())
		return exitUsage
	case errors.Is(err, login.ErrInterrupted):
		return exitInterrupted
	case errors.Is(err, session.ErrNotLoggedIn):
		fmt.Fprintln(stderr, "persona:", session.ErrNotLoggedIn)
		return exitNotLoggedIn
	case errors.Is(err, session.ErrRevoked), errors.Is(err, session.ErrDuplicated):
		fmt.Fprintln(stderr, "persona:", err)
		return exitRevoked
	case errors.Is(err, config.ErrInvalid), errors.Is(err, initcmd.ErrExists), errors.As(err, new(*storage.OtherAccountError)):
		// Another account's database is a storage.path to change, like a config error.
		fmt.Fprintln(stderr, "persona:", err)
		return exitConfig
	default:
		fmt.Fprintln(stderr, "persona:", err)
		return 1
	}
}

func initCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	opts := initcmd.Options{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	fs := verbInit.flags()
	configFlag(fs, &opts.Config)
	fs.BoolVar(&opts.Force, "force", false, "overwrite an existing config file")
	if err := parse(verbInit, fs, args, stdout); err != nil {
		return err
	}
	return initcmd.Run(ctx, opts)
}

func loginCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	opts := login.Options{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	fs := verbLogin.flags()
	configFlag(fs, &opts.Config)
	fs.BoolVar(&opts.QR, "qr", false, "log in by scanning a QR code with a phone")
	fs.BoolVar(&opts.NewDatabase, "new-database", false, "move the database aside under a dated name and start a new one")
	if err := parse(verbLogin, fs, args, stdout); err != nil {
		return err
	}
	return login.Run(ctx, opts)
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var path string
	fs := verbRun.flags()
	configFlag(fs, &path)
	if err := parse(verbRun, fs, args, stdout); err != nil {
		return err
	}
	return daemon.Serve(ctx, path, stderr)
}

func backupCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var path string
	fs := verbBackup.flags()
	configFlag(fs, &path)
	file, err := parseWithFile(verbBackup, fs, args, stdout)
	if err != nil {
		return err
	}
	return backup.Run(ctx, path, file, stdout)
}

func logoutCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var path string
	fs := verbLogout.flags()
	configFlag(fs, &path)
	if err := parse(verbLogout, fs, args, stdout); err != nil {
		return err
	}
	return logout.Run(ctx, path, stdout, stderr)
}

func emulatorCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := verbEmulator.flags()
	addr := fs.String("addr", "127.0.0.1:10443", "where to listen (loopback only); port 0 picks a free one")
	if err := parse(verbEmulator, fs, args, stdout); err != nil {
		return err
	}
	return sandbox.Run(ctx, *addr, stdin, stdout)
}
