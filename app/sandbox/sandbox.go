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

// stateFile keeps the people's ids and the logins from one start to the
// next, beside server.pem in the working folder.
const stateFile = "emulator-state.json"

// Run starts the emulator on addr, which must be on loopback, prints a
// config to point a daemon at it, then carries out the lines typed on
// stdin until ctx ends.
func Run(ctx context.Context, addr string, stdin io.Reader, stdout io.Writer) error {
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return errors.Errorf("-addr %q: the emulator only listens on loopback, e.g. 127.0.0.1:10443", addr)
	}
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	emu, err := emulator.Start(emulator.Options{Addr: addr, StatePath: filepath.Join(dir, stateFile)})
	if errors.Is(err, syscall.EADDRINUSE) {
		return errors.Errorf("%s is in use (another emulator?): stop it, or pick a free port with -addr 127.0.0.1:0", addr)
	}
	if err != nil {
		return err
	}
	defer func() {
		if err := emu.Close(); err != nil {
			fmt.Fprintln(stdout, "warning:", err)
		}
	}()
	if err := emu.StateError(); err != nil {
		fmt.Fprintf(stdout, "warning: the emulator's saved state is unreadable, starting fresh (new ids, log in again): %v\n\n", err)
	}
	p := playground.New(emu)
	if err := printServer(emu, dir, stdout); err != nil {
		return err
	}
	p.Introduce(stdout)
	fmt.Fprintln(stdout, "Stop with Ctrl-C.")
	return p.Run(ctx, stdin, stdout)
}

// printServer writes server.pem into dir and prints a whole config that
// points a daemon at the emulator.
func printServer(emu *emulator.Emulator, dir string, stdout io.Writer) error {
	section, err := emu.WriteServerConfig(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Telegram emulator on %s (wrote %s)\n", emu.Addr(), filepath.Join(dir, "server.pem"))
	fmt.Fprintf(stdout, "The people, their ids and your login are kept in %s for the next start; messages and photos are not.\n\n", filepath.Join(dir, stateFile))
	fmt.Fprintf(stdout, "A config for the playground: save it as config.toml in this folder, beside server.pem.\n\n%s\n", playgroundConfig(section))
	return nil
}

// playgroundConfig is a whole config.toml around the [telegram.server]
// section. The emulator takes any app_id and app_hash, so placeholders do.
func playgroundConfig(section string) string {
	return "[telegram]\n" +
		"app_id = 1             # any: the emulator takes any app_id and app_hash\n" +
		"app_hash = \"playground\"\n\n" +
		section + "\n" +
		"[storage]\n" +
		"path = \"persona.db\"\n"
}
