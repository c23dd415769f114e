// Package demo plays a short scripted session: the embedded emulator, a demo
// account, the real daemon, and commands written into Saved Messages.
package demo

import (
	"context"
	"crypto/rsa"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/go-faster/errors"

	"persona/app/daemon"
	"persona/emulator"
	"persona/session"
	"persona/storage"
)

// world is the demo's cast.
type world struct {
	emu                 *emulator.Emulator
	me, alice, bob, eve emulator.User
}

func setup() (*world, error) {
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		return nil, err
	}
	w := &world{emu: emu}
	w.me = emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Dana", LastName: "Demo", Username: "dana", Phone: "+15550000001"}})
	w.alice = emu.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice", Phone: "+15550000002"})
	w.bob = emu.AddUser(emulator.UserSpec{FirstName: "Bob", Username: "bob", Phone: "+15550000003"})
	w.eve = emu.AddUser(emulator.UserSpec{FirstName: "Eve", Username: "eve", Phone: "+15550000004"})
	emu.AddContact(w.me.ID, w.alice.ID)
	emu.AddContact(w.me.ID, w.bob.ID)
	emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(640, 640, 0)) // his own photo, for /keep
	return w, nil
}

// Run plays the demo and prints the transcript and the contacts' photos.
func Run(ctx context.Context, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	w, err := setup()
	if err != nil {
		return err
	}
	defer func() { _ = w.emu.Close() }()

	dir, err := os.MkdirTemp("", "persona-demo-*")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	db, err := storage.Open(filepath.Join(dir, "persona.db"), storage.Options{})
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	opts := session.Options{AppID: 1, AppHash: "demo", DB: db, Server: &session.Server{
		Address: w.emu.Addr(), DC: w.emu.DC(), PublicKeys: []*rsa.PublicKey{w.emu.Key().RSA},
	}}

	fmt.Fprintf(out, "Persona demo: an emulated Telegram on %s, no network, no real account.\n\n", w.emu.Addr())
	self, err := session.Login(ctx, opts, "+15550000001", answers{"12345"})
	if err != nil {
		return errors.Wrap(err, "demo login")
	}
	fmt.Fprintf(out, "logged in as %s %s (id %d)\n", self.FirstName, self.LastName, self.ID)

	daemonErr := make(chan error, 1)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() { daemonErr <- daemon.Run(runCtx, daemon.Options{Session: opts}) }()
	if err := w.waitReady(ctx); err != nil {
		return err
	}
	fmt.Fprintln(out, "daemon running; writing commands into Saved Messages…")
	fmt.Fprintln(out)

	if err := w.play(ctx, out); err != nil {
		return err
	}
	stop()
	if err := <-daemonErr; err != nil {
		return errors.Wrap(err, "daemon")
	}
	w.printPhotos(out)
	return nil
}

// waitReady waits until the daemon has asked for the update state: from
// then on it receives what is posted.
func (w *world) waitReady(ctx context.Context) error {
	_, err := w.emu.WaitEvent(ctx, 0, func(ev emulator.Event) bool {
		return ev.Method == "updates.getState" && ev.UserID == w.me.ID && ev.Err == nil
	})
	if err != nil {
		return errors.Wrap(err, "daemon did not start")
	}
	return nil
}

// answers is the demo's scripted login: the code the emulator expects.
type answers []string

func (a answers) Ask(context.Context, string, bool) (string, error) { return a[0], nil }
