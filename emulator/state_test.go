package emulator_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gotd/td/session"

	"persona/emulator"
)

// TestStateKeepsLogin: an emulator started again on the same state file
// gives the same people the same ids and access hashes, still knows the
// auth key a client logged in with, and goes on with pts and message ids.
func TestStateKeepsLogin(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	spec := emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Kim", Username: "kim", Phone: "+15557770001"}}
	friend := emulator.UserSpec{FirstName: "Lee", Username: "lee"}
	storage := &session.StorageMemory{}

	first, err := emulator.Start(emulator.Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	kim, lee := first.AddAccount(spec), first.AddUser(friend)
	c := connect(t, first, storage, nil)
	login(t, testContext(t), c, account{User: kim, phone: spec.Phone})
	before, err := first.Post(kim.ID, emulator.Message{Text: "yesterday"})
	if err != nil {
		t.Fatal(err)
	}
	c.stop(t)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	second := start(t, emulator.Options{StatePath: path})
	if err := second.StateError(); err != nil {
		t.Fatal(err)
	}
	lee2, kim2 := second.AddUser(friend), second.AddAccount(spec) // in another order
	if kim2 != kim || lee2 != lee {
		t.Fatalf("after a restart %+v and %+v, want %+v and %+v", kim2, lee2, kim, lee)
	}
	c = connect(t, second, storage, nil) // the same session, no login
	self, err := c.Self(testContext(t))
	if err != nil || self.ID != kim.ID {
		t.Fatalf("self after a restart: %v, %v; want %d without a new login", self, err, kim.ID)
	}
	after, err := second.Post(kim.ID, emulator.Message{Text: "today"})
	if err != nil || after <= before {
		t.Fatalf("message #%d after #%d (%v): ids must go on growing", after, before, err)
	}
	c.stop(t)
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}

	// A start without the account: its key is logged in to no one.
	third := start(t, emulator.Options{StatePath: path})
	requireUnregistered(t, testContext(t), connect(t, third, storage, nil))
}

// TestDamagedStateStartsFresh: an unreadable state file does not stop the
// emulator: it is set aside, StateError says why, and a new one is written.
func TestDamagedStateStartsFresh(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"users":[`), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := emulator.Start(emulator.Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if e.StateError() == nil {
		t.Error("StateError() = nil for a damaged file")
	}
	if _, err := os.Stat(path + ".damaged"); err != nil {
		t.Errorf("the damaged file was not set aside: %v", err)
	}
	e.AddUser(emulator.UserSpec{FirstName: "Lee"})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	again := start(t, emulator.Options{StatePath: path})
	if err := again.StateError(); err != nil {
		t.Errorf("the state written after a fresh start: %v", err)
	}
}

// TestStateUnwritable: a state file that cannot be written is Close's
// error, not a crash.
func TestStateUnwritable(t *testing.T) {
	t.Parallel()
	e, err := emulator.Start(emulator.Options{StatePath: filepath.Join(t.TempDir(), "missing", "state.json")})
	if err != nil {
		t.Fatal(err)
	}
	e.AddUser(emulator.UserSpec{FirstName: "Lee"})
	if err := e.Close(); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Close() = %v, want the failed write", err)
	}
}
