// Package sandbox is `persona emulator`: the embedded emulator standalone on
// loopback with the playground's cast, for trying Persona by hand.
package sandbox

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"

	"github.com/go-faster/errors"

	"persona/emulator"
	"persona/emulator/playground"
)

// Run starts the emulator on addr, which must be on loopback, prints the
// config section to point a daemon at it, then carries out the lines typed
// on stdin until ctx ends.
func Run(ctx context.Context, addr string, stdin io.Reader, stdout io.Writer) error {
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return errors.Errorf("-addr %q: the emulator only listens on loopback, e.g. 127.0.0.1:10443", addr)
	}
	emu, err := emulator.Start(emulator.Options{Addr: addr})
	if errors.Is(err, syscall.EADDRINUSE) {
		return errors.Errorf("%s is in use (another emulator?): stop it, or pick a free port with -addr 127.0.0.1:0", addr)
	}
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
