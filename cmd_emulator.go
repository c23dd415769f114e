package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"

	"github.com/go-faster/errors"

	"persona/emulator"
	"persona/emulator/playground"
)

// emulatorCmd runs the emulator standalone with the playground's cast, for
// trying Persona by hand: it prints the config section to point a daemon at
// it, then carries out the lines typed on standard input.
func emulatorCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	addr, err := emulatorAddr(args, stderr)
	if err != nil {
		return err
	}
	emu, err := emulator.Start(emulator.Options{Addr: addr})
	if err != nil {
		return err
	}
	defer func() { _ = emu.Close() }()
	p := playground.New(emu)
	if err := printServer(emu, stdout); err != nil {
		return err
	}
	p.Introduce(stdout)
	fmt.Fprintln(stdout, "Stop with Ctrl-C.")
	return p.Run(ctx, stdin, stdout)
}

// emulatorAddr reads -addr, which must be on loopback.
func emulatorAddr(args []string, stderr io.Writer) (string, error) {
	fs := flag.NewFlagSet("persona emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:10443", "where to listen (loopback only); port 0 picks a free one")
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return "", errors.Errorf("-addr %q: the emulator only listens on loopback, e.g. 127.0.0.1:10443", *addr)
	}
	return *addr, nil
}

// printServer writes server.pem into the working folder and prints the
// [telegram.server] section that points a daemon at the emulator.
func printServer(emu *emulator.Emulator, stdout io.Writer) error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	section, err := emu.WriteServerConfig(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Telegram emulator on %s (wrote %s)\n\n%s\n", emu.Addr(), filepath.Join(dir, "server.pem"), section)
	return nil
}
