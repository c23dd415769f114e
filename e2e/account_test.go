package e2e_test

import (
	"strings"
	"testing"

	"persona/emulator"
)

// TestAnotherAccountsDatabase: a database a first account ran on is
// refused, with what to do, when the session is logged in as another
// account: its journal of message ids and its records are the first
// account's. It exits 78 (a configuration error), so systemd does not
// restart it in a loop.
func TestAnotherAccountsDatabase(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	w.emu.Revoke(w.me.ID) // the first account's session ends, so login signs another in
	other := w.emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Zoe", Phone: "+15550009999"}, Code: "24680"})
	if _, stderr, code := w.login(t, "+15550009999\n24680\n"); code != 0 {
		t.Fatalf("login as another account: exit %d\n%s", code, stderr)
	}
	d = w.spawn(t)
	if code := d.exit(t); code != 78 {
		t.Errorf("exit %d on another account's database, want 78\n%s", code, d.log())
	}
	for _, want := range []string{"Owner Persona (id ", "Zoe (id ", "storage.path"} {
		if !strings.Contains(d.log(), want) {
			t.Errorf("the refusal does not say %q:\n%s", want, d.log())
		}
	}
	if r := w.emu.SavedMessages(other.ID); len(r) != 0 {
		t.Errorf("the refused daemon wrote into the other account's Saved Messages: %v", r)
	}
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
