package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gotd/contrib/bbolt"

	"persona/storage"
)

// TestVerbHelp: -h, -help and help after any verb print that verb's usage
// on standard output and exit 0, and start nothing (demo -h plays no demo).
func TestVerbHelp(t *testing.T) {
	t.Parallel()
	w := &world{dir: t.TempDir()}
	for _, verb := range []string{"init", "login", "run", "backup", "logout", "demo", "emulator", "version"} {
		for _, h := range []string{"-h", "-help", "help"} {
			out, errOut, code := w.persona(t, "", verb, h)
			if code != 0 || !strings.HasPrefix(out, "usage: persona "+verb) || errOut != "" {
				t.Errorf("persona %s %s: exit %d, want 0 and its usage\nstdout: %s\nstderr: %s", verb, h, code, out, errOut)
			}
		}
	}
	if out, _, code := w.persona(t, "", "help", "backup"); code != 0 || !strings.HasPrefix(out, "usage: persona backup") {
		t.Errorf("help backup: exit %d\n%s", code, out)
	}
	// After a flag too.
	if out, _, code := w.persona(t, "", "login", "-config", "x.toml", "-h"); code != 0 || !strings.Contains(out, "-new-database") {
		t.Errorf("login -config x.toml -h: exit %d\n%s", code, out)
	}
}

// TestUsageErrorOnce: a bad command line is said once, with the verb's
// usage line, and exits 64.
func TestUsageErrorOnce(t *testing.T) {
	t.Parallel()
	w := &world{dir: t.TempDir()}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--config"}, "flag needs an argument: -config"},
		{[]string{"run", "-nope"}, "flag provided but not defined: -nope"},
		{[]string{"backup"}, "which file?"},
		{[]string{"logout", "extra"}, `unexpected argument "extra"`},
		{[]string{"demo", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		out, errOut, code := w.persona(t, "", tt.args...)
		if code != 64 || strings.Count(errOut, tt.want) != 1 || strings.Count(errOut, "usage: persona "+tt.args[0]) != 1 {
			t.Errorf("persona %v: exit %d, want 64 and %q once with one usage line\nstdout: %s\nstderr: %s", tt.args, code, tt.want, out, errOut)
		}
	}
}

// TestEmulatorBusyPort: a second emulator on a taken port says how to pick
// a free one.
func TestEmulatorBusyPort(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	_, errOut, code := w.persona(t, "", "emulator", "-addr", w.emu.Addr())
	if code == 0 || !strings.Contains(errOut, "-addr 127.0.0.1:0") {
		t.Fatalf("emulator on a busy port: exit %d, want a failure naming -addr 127.0.0.1:0\n%s", code, errOut)
	}
}

// openDB opens a database file that no daemon holds, for a test's checks.
func openDB(t *testing.T, path string) *storage.DB {
	t.Helper()
	db, err := storage.Open(path, storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// storedSession is the session bytes the database holds, nil for none.
func storedSession(t *testing.T, db *storage.DB) []byte {
	t.Helper()
	data, err := bbolt.NewSessionStorage(db.Bolt(), "session", []byte(storage.SessionBucket)).LoadSession(context.Background())
	if err != nil {
		return nil
	}
	return data
}

// owner is the account the database belongs to, or fails the test.
func owner(t *testing.T, db *storage.DB) storage.Owner {
	t.Helper()
	o, found, err := db.StoredOwner()
	if err != nil || !found {
		t.Fatalf("no owner in %s (%v)", db.Path(), err)
	}
	return o
}
