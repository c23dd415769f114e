package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persona/emulator"
)

// TestBackupWhileRunning: `persona backup FILE` writes a copy with mode
// 0600 while the daemon holds the database, the copy opens as a database
// with the session and the records, and the daemon goes on answering.
// With no daemon, backup copies the file itself.
func TestBackupWhileRunning(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")

	copyPath := filepath.Join(w.dir, "backups", "persona-copy.db")
	if err := os.Mkdir(filepath.Dir(copyPath), 0o700); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := w.persona(t, "", "backup", copyPath, "-config", w.config)
	if code != 0 || !strings.Contains(out, "made by the running persona") {
		t.Fatalf("backup while running: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	checkCopy(t, w, copyPath)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	stopped := filepath.Join(w.dir, "backups", "stopped.db")
	out, errOut, code = w.persona(t, "", "backup", "-config", w.config, stopped)
	if code != 0 || !strings.Contains(out, "no persona was running") {
		t.Fatalf("backup with no daemon: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	checkCopy(t, w, stopped)
	if entries, _ := os.ReadDir(filepath.Dir(copyPath)); len(entries) != 2 {
		t.Errorf("backups folder holds %d files, want the 2 copies and no leftovers", len(entries))
	}
	if _, err := os.Stat(filepath.Join(w.dir, "persona.db.backup.sock")); !os.IsNotExist(err) {
		t.Errorf("the backup socket is still there after the daemon stopped (%v)", err)
	}

	// The copy restores: put it in place of the database and run on it.
	if err := os.Rename(copyPath, filepath.Join(w.dir, "persona.db")); err != nil {
		t.Fatal(err)
	}
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
}

// checkCopy: mode 0600, and it opens as the database does, holding the
// session and the owner.
func checkCopy(t *testing.T, w *world, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v, want 0600: it holds the session", st.Mode().Perm())
	}
	db := openDB(t, path)
	defer func() { _ = db.Close() }()
	if storedSession(t, db) == nil {
		t.Error("the copy holds no session")
	}
	if o := owner(t, db); o.ID != w.me.ID {
		t.Errorf("the copy's owner is %+v, want %d", o, w.me.ID)
	}
}

// TestBackupRefusals: backup over the database itself, or of none.
func TestBackupRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	if _, errOut, code := w.persona(t, "", "backup", "x.db", "-config", w.config); code == 0 || !strings.Contains(errOut, "nothing to back up") {
		t.Errorf("backup with no database: exit %d\n%s", code, errOut)
	}
	w.mustLogin(t)
	if _, errOut, code := w.persona(t, "", "backup", filepath.Join(w.dir, "persona.db"), "-config", w.config); code == 0 || !strings.Contains(errOut, "the database itself") {
		t.Errorf("backup onto the database: exit %d\n%s", code, errOut)
	}
}
