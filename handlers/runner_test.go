package handlers

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgmock"

	"persona/handlers/command"
	"persona/storage"
)

// newTestRunner is a runner on a fresh database, calling a tgmock
// Telegram: a command's own test sets the calls it expects, and any other
// call fails the test.
func newTestRunner(t *testing.T) (*runner, *storage.DB, *tgmock.Mock) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "r.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	mock := tgmock.New(t)
	api := tg.NewClient(mock)
	r := &runner{
		settings: settings{prefix: "/", version: "test", started: time.Now(), now: time.Now, zone: zone{time.UTC}},
		stores:   stores{journal: db, records: db, timers: db, peers: db, bulk: db},
		account: account{
			api: api, self: &tg.User{ID: owner, FirstName: "Owner"},
			sender: &sender{api: api, self: owner, journal: db, prefix: "/"},
		},
		shared: shared{channels: &channelHashes{}, lastErr: &atomic.Value{}, contacts: &contactList{}},
		lg:     zap.NewNop(),
	}
	return r, db, mock
}

// callOf is the call of a command text as the owner wrote it.
func callOf(t *testing.T, id int, text string) call {
	t.Helper()
	cmd, ok, err := catalogue().Parse(text, "/")
	if !ok || err != nil {
		t.Fatalf("%q: %v, %v", text, ok, err)
	}
	return call{msg: &tg.Message{ID: id, Out: true, Message: text}, cmd: cmd}
}

// run runs text through its registered handler and returns the answer.
func run(t *testing.T, r *runner, id int, text string) string {
	t.Helper()
	c := callOf(t, id, text)
	if _, err := r.journal.Begin(id, text, time.Now()); err != nil {
		t.Fatal(err)
	}
	c.status = r.newStatusMessage(t.Context(), id)
	defer c.status.stop()
	h := registry[c.cmd.Name]
	return h.run(r, t.Context(), c).String()
}

// savedAlice puts @alice (id 42) into the peer cache, so resolving her
// needs no call.
func savedAlice(t *testing.T, db *storage.DB) {
	t.Helper()
	savePeer(t, db, storage.Peer{ID: 42, AccessHash: 7, Username: "alice", FirstName: "Alice", UpdatedAt: time.Now()})
}

func savePeer(t *testing.T, db *storage.DB, p storage.Peer) {
	t.Helper()
	if err := db.SavePeer(p); err != nil {
		t.Fatal(err)
	}
}

// aliceHasPhoto records a personal photo for @alice, set by command 5.
func aliceHasPhoto(t *testing.T, db *storage.DB) {
	t.Helper()
	e := storage.PhotoEntry{Kind: kindPhoto, PhotoID: 9, CommandID: 5, SourceMsgID: 5, SetAt: time.Now()}
	if err := db.SetPhoto(42, "@alice", e); err != nil {
		t.Fatal(err)
	}
}

// aliceInput is how calls name @alice.
var aliceInput = &tg.InputUser{UserID: 42, AccessHash: 7}

// removal is the call that removes @alice's personal photo.
var removal = &tg.PhotosUploadContactProfilePhotoRequest{Save: true, UserID: aliceInput}

// TestRegistry: every command of the catalogue has a handler that runs,
// and only the commands that change photos, contacts or watches say so
// (a /watch and an /unwatch of one contact keep their order).
func TestRegistry(t *testing.T) {
	changes := map[string]bool{"setphoto": true, "suggest": true, "reset": true, "undo": true, "hide": true, "keep": true, "import": true, "watch": true, "unwatch": true}
	fromFile := map[string]bool{"import": true} // its contacts are the file's, not typed
	reads := map[string]bool{"list": true, "history": true}
	specs := catalogue().Specs()
	if len(specs) != len(registry) {
		t.Fatalf("%d specs for %d handlers", len(specs), len(registry))
	}
	for _, s := range specs {
		h := registry[s.Name]
		if h.run == nil {
			t.Errorf("%s has no run", s.Name)
		}
		if h.changes != changes[s.Name] || h.reads != reads[s.Name] {
			t.Errorf("%s: changes %v, reads %v", s.Name, h.changes, h.reads)
		}
		if s.Targets == command.None && h.changes && !fromFile[s.Name] {
			t.Errorf("%s changes contacts but takes no target", s.Name)
		}
	}
}
