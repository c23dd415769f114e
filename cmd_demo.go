package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"persona/demo"
	"persona/emulator"
)

func demoCmd(ctx context.Context, _ []string, stdout io.Writer) error {
	return demo.Run(ctx, stdout)
}

// emulatorCmd runs the emulator standalone with a demo world, for trying
// Persona by hand: it prints the config section to point a daemon at it.
func emulatorCmd(ctx context.Context, args []string, stdout io.Writer) error {
	emu, err := emulator.Start(emulator.Options{Addr: "127.0.0.1:10443"})
	if err != nil {
		return err
	}
	defer func() { _ = emu.Close() }()
	me := emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Dana", Username: "dana", Phone: "+15550000001"}})
	for _, name := range []string{"alice", "bob"} {
		u := emu.AddUser(emulator.UserSpec{FirstName: name, Username: name})
		emu.AddContact(me.ID, u.ID)
	}
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	section, err := emu.WriteServerConfig(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Telegram emulator on %s (wrote %s)\n\n%s\n", emu.Addr(), filepath.Join(dir, "server.pem"), section)
	fmt.Fprintf(stdout, "Account: phone +15550000001, login code 12345; contacts @alice and @bob.\nStop with Ctrl-C.\n")
	<-ctx.Done()
	return nil
}
