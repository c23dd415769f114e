package e2e_test

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestPlaygroundKeepsLogin: `persona emulator` started again in the same
// folder keeps its people's ids and access hashes and yesterday's login,
// so `persona run` with the same config and database is answered without
// logging in again.
func TestPlaygroundKeepsLogin(t *testing.T) {
	t.Parallel()
	dir, addr := t.TempDir(), freeLoopbackAddr(t)
	first := startPlaygroundAt(t, dir, addr)
	config := first.printedConfig(t) // used as the banner says: beside server.pem
	playgroundLogin(t, config)
	stop := runPlaygroundDaemon(t, config)
	wantHasPrefix(t, first.command(t, "/status"), "✅")
	stop()
	first.stop(t)
	if fi, err := os.Stat(filepath.Join(dir, "emulator-state.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v, %v; want mode 0600", fi, err)
	}

	second := startPlaygroundAt(t, dir, addr)
	if a, b := first.people(t), second.people(t); a != b {
		t.Errorf("the people changed from one start to the next:\n%s\nthen\n%s", a, b)
	}
	runPlaygroundDaemon(t, config) // no login
	wantHasPrefix(t, second.command(t, "/status"), "✅")
}

// TestPlaygroundDamagedState: an unreadable state file is set aside with
// a warning, and the playground starts fresh.
func TestPlaygroundDamagedState(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "emulator-state.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPlaygroundAt(t, dir, "127.0.0.1:0")
	waitOutput(t, p.out, regexp.MustCompile(`warning: the emulator's saved state is unreadable, starting fresh`))
	p.startDaemon(t)
	wantHasPrefix(t, p.command(t, "/status"), "✅")
}

// printedConfig saves the config the playground printed as config.toml
// in its folder, beside server.pem, and returns its path.
func (p *playground) printedConfig(t *testing.T) string {
	t.Helper()
	cfg := waitOutput(t, p.out, regexp.MustCompile(`(?s)\[telegram\]\n.*?\[storage\]\npath = "persona.db"\n`))
	path := filepath.Join(p.dir, "config.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// people is the "People:" table of the banner, ids and all.
func (p *playground) people(t *testing.T) string {
	t.Helper()
	return waitOutput(t, p.out, regexp.MustCompile(`(?s)People:\n.*?@eve[^\n]*\n`))
}

// stop ends the playground with Ctrl-C, as a person does, and waits for it.
func (p *playground) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(os.Interrupt)
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("the playground exited with %v after Ctrl-C:\n%s", err, p.out)
	}
}

// freeLoopbackAddr is a loopback address with a port free a moment ago, for
// a playground that must come back on the same one.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = l.Close() }()
	return l.Addr().String()
}
