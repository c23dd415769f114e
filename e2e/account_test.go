package e2e_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"persona/emulator"
)

// TestAnotherAccountsDatabase: a database a first account ran on is
// refused, with what to do, when the session is logged in as another
// account: its journal of message ids and its records are the first
// account's. It exits 78 (a configuration error), so systemd does not
// restart it in a loop. (login refuses to make this happen, see
// TestLoginAnotherAccount; the test writes another owner into the file.)
func TestAnotherAccountsDatabase(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	db := openDB(t, filepath.Join(w.dir, "persona.db"))
	err := db.Bolt().Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("persona.meta")).Put([]byte("owner"), []byte(`{"id":1000999,"name":"Zoe"}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Close()

	d = w.spawn(t)
	if code := d.exit(t); code != 78 {
		t.Errorf("exit %d on another account's database, want 78\n%s", code, d.log())
	}
	for _, want := range []string{"Owner Persona (id ", "Zoe (id ", "storage.path"} {
		if !strings.Contains(d.log(), want) {
			t.Errorf("the refusal does not say %q:\n%s", want, d.log())
		}
	}
}

// TestLoginAnotherAccount: signed in as another account than the one whose
// records the database holds, login stores nothing, leaves the database
// as it was, names both accounts and exits 78; -new-database then moves the
// old file aside under a dated name and logs in on a new one.
func TestLoginAnotherAccount(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	dbPath := filepath.Join(w.dir, "persona.db")
	db := openDB(t, dbPath)
	before := storedSession(t, db)
	_ = db.Close()

	w.emu.Revoke(w.me.ID) // the first account's session ends, so login signs another in
	zoe := w.emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Zoe", Phone: "+15550009999"}, Code: "24680"})
	out, errOut, code := w.login(t, "+15550009999\n24680\n")
	if code != 78 {
		t.Fatalf("login as another account: exit %d, want 78\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, want := range []string{fmt.Sprintf("Owner Persona (id %d)", w.me.ID), fmt.Sprintf("Zoe (id %d)", zoe.ID), "nothing was stored", "-new-database"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(out, "logged in") {
		t.Errorf("a refused login printed %q", out)
	}
	db = openDB(t, dbPath)
	if after := storedSession(t, db); !bytes.Equal(after, before) {
		t.Error("the refused login changed the stored session")
	}
	if o := owner(t, db); o.ID != w.me.ID {
		t.Errorf("owner %+v after the refused login, want %d", o, w.me.ID)
	}
	_ = db.Close()
	if n := len(w.emu.Calls("auth.logOut")); n != 1 {
		t.Errorf("%d auth.logOut calls, want 1: the session login did not store must not live on at Telegram", n)
	}

	// A failed login puts the old file back.
	if _, errOut, code := w.persona(t, "+15550009999\nWr0ng\n", "login", "-new-database", "-config", w.config); code == 0 {
		t.Fatalf("login -new-database with a wrong code succeeded\n%s", errOut)
	}
	if moved, _ := filepath.Glob(filepath.Join(w.dir, "persona-*.db")); len(moved) != 0 {
		t.Fatalf("a failed login -new-database left %v", moved)
	}
	db = openDB(t, dbPath)
	if o := owner(t, db); o.ID != w.me.ID || !bytes.Equal(storedSession(t, db), before) {
		t.Errorf("a failed login -new-database did not put the old database back: owner %+v", o)
	}
	_ = db.Close()

	out, errOut, code = w.persona(t, "+15550009999\n24680\n", "login", "-new-database", "-config", w.config)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("logged in as Zoe (id %d)", zoe.ID)) {
		t.Fatalf("login -new-database: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	moved, _ := filepath.Glob(filepath.Join(w.dir, "persona-????-??-??-??????.db"))
	if len(moved) != 1 || !strings.Contains(out, "the old database is now "+moved[0]) {
		t.Fatalf("old database moved to %v, want one dated file named in the output\n%s", moved, out)
	}
	old := openDB(t, moved[0])
	if o := owner(t, old); o.ID != w.me.ID || !bytes.Equal(storedSession(t, old), before) {
		t.Errorf("the moved database is not the old one: owner %+v", o)
	}
	_ = old.Close()
	d = w.startDaemon(t) // Zoe's own database: no refusal
	d.stop(t)
}

// TestServerStartedOver: a server that was wiped and numbers messages from
// 1 again (a test DC, a new emulator) with the same account: after a new
// login, commands whose ids the old journal knows are answered all the same.
func TestServerStartedOver(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	var ids []int
	for range 3 {
		id := w.post(t, emulator.Message{Text: "/status"})
		wantPrefix(t, w.waitReply(t, d, id), "✅")
		ids = append(ids, id)
	}
	d.stop(t)

	w.emu.StartOver(w.me.ID)
	w.mustLogin(t)
	d = w.startDaemon(t)
	for range 3 {
		id := w.post(t, emulator.Message{Text: "/help"})
		if id > ids[len(ids)-1] {
			t.Fatalf("new command %d after the start over: the test needs ids the old journal knows (up to %d)", id, ids[len(ids)-1])
		}
		wantPrefix(t, w.waitReply(t, d, id), "✅")
	}
	if !strings.Contains(d.log(), "The server started over") {
		t.Errorf("no word in the log of the server starting over:\n%s", d.log())
	}
}
