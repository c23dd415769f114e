package daemon_test

import (
	"context"
	"crypto/rsa"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"persona/app/daemon"
	"persona/emulator"
	"persona/session"
	"persona/storage"
)

type code string

func (c code) Ask(context.Context, string, bool) (string, error) { return string(c), nil }

// TestRun: the assembled daemon answers a command written with the
// configured prefix, lets its watchdog see a healthy worker, and stops with
// ctx returning nil.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	emu, me, opts := loggedIn(ctx, t)

	ready, healthy := make(chan struct{}), make(chan bool, 1)
	opts.OnReady = func() { close(ready) }
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() {
		done <- daemon.Run(runCtx, daemon.Options{Session: opts, Prefix: "!", Watch: func(_ context.Context, ok func() bool) { healthy <- ok() }})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("daemon stopped before it was ready: %v", err)
	}
	if !<-healthy {
		t.Error("the watchdog saw an unhealthy worker at start")
	}

	id, err := emu.Post(me.ID, emulator.Message{Text: "!status"})
	if err != nil {
		t.Fatal(err)
	}
	// The emulator logs a call once it is handled: the reply is stored by then.
	replied := func(ev emulator.Event) bool {
		return ev.Method == "messages.sendMessage" && ev.UserID == me.ID && len(emu.Replies(me.ID, id)) > 0
	}
	if _, err := emu.WaitEvent(ctx, 0, replied); err != nil {
		t.Fatalf("no reply to !status: %v", err)
	}
	if r := emu.Replies(me.ID, id)[0].Message; !strings.HasPrefix(r, "✅") {
		t.Errorf("reply to !status = %q, want ✅…", r)
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("Run after ctx ended = %v, want nil", err)
	}
}

// loggedIn starts an emulator with one account and logs it in, into a
// fresh database.
func loggedIn(ctx context.Context, t *testing.T) (*emulator.Emulator, emulator.User, session.Options) {
	t.Helper()
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	me := emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Dana", Phone: "+15550000001"}, Code: "12345"})
	db, err := storage.Open(filepath.Join(t.TempDir(), "persona.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	opts := session.Options{AppID: 1, AppHash: "test", DB: db, Server: &session.Server{
		Address: emu.Addr(), DC: emu.DC(), PublicKeys: []*rsa.PublicKey{emu.Key().RSA},
	}}
	if _, err := session.Login(ctx, opts, "+15550000001", code("12345")); err != nil {
		t.Fatal(err)
	}
	return emu, me, opts
}
