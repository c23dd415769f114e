package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persona/emulator"
)

// TestLogout: logout refuses while the daemon holds the database, then
// logs the session out at Telegram (auth.logOut) and clears it; run then
// exits 2, the records stay, and Telegram refuses a copy of the old session.
func TestLogout(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	out, errOut, code := w.persona(t, "", "logout", "-config", w.config)
	if code == 0 || !strings.Contains(errOut, "another persona is already running") || !strings.Contains(errOut, "stop it first") {
		t.Fatalf("logout while running: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	d.stop(t)
	before := filepath.Join(w.dir, "before-logout.db")
	if _, errOut, code := w.persona(t, "", "backup", before, "-config", w.config); code != 0 {
		t.Fatalf("backup: exit %d\n%s", code, errOut)
	}

	out, errOut, code = w.persona(t, "", "logout", "-config", w.config)
	if code != 0 || !strings.Contains(out, "logged out") {
		t.Fatalf("logout: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if n := len(w.emu.Calls("auth.logOut")); n != 1 {
		t.Errorf("%d auth.logOut calls, want 1", n)
	}
	noSecrets(t, out+errOut)
	if _, errOut, code := w.persona(t, "", "run", "-config", w.config); code != 2 {
		t.Errorf("run after logout: exit %d, want 2\n%s", code, errOut)
	}
	db := openDB(t, filepath.Join(w.dir, "persona.db"))
	if o := owner(t, db); o.ID != w.me.ID {
		t.Errorf("owner %+v after logout, want the records kept", o)
	}
	_ = db.Close()
	if out, _, code := w.persona(t, "", "logout", "-config", w.config); code != 0 || !strings.Contains(out, "not logged in") {
		t.Errorf("a second logout: exit %d, want 0 and not logged in\n%s", code, out)
	}
	// Telegram unbound the key: a copy of the session from before is refused.
	dbPath := filepath.Join(w.dir, "persona.db")
	if err := os.Rename(before, dbPath); err != nil {
		t.Fatal(err)
	}
	seq := w.emu.LastSeq()
	if _, errOut, code := w.persona(t, "", "run", "-config", w.config); code != 2 {
		t.Errorf("run on the session from before the logout: exit %d, want 2 (not logged in)\n%s", code, errOut)
	}
	refused := false
	for _, ev := range w.emu.EventsAfter(seq) {
		refused = refused || (ev.Err != nil && ev.Err.Type == "AUTH_KEY_UNREGISTERED")
	}
	if !refused {
		t.Error("the emulator did not refuse the logged-out key with AUTH_KEY_UNREGISTERED")
	}
	w.mustLogin(t) // the same account logs in again on its records
	d = w.startDaemon(t)
	d.stop(t)
}
