package handlers

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestFloorFollowsSavedMessages: every new message of Saved Messages, a
// command or not, raises the catch-up floor; other chats' ids are of no
// use to a read-back of Saved Messages and leave it alone.
func TestFloorFollowsSavedMessages(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	r := New(Options{DB: db})
	r.worker.Store(newWorker(r, &runner{account: account{self: &tg.User{ID: 1}}, stores: stores{records: db}}))
	saved := &tg.PeerUser{UserID: 1}
	for _, tt := range []struct {
		name string
		msg  *tg.Message
		want int
	}{
		{"a note", &tg.Message{ID: 5, Out: true, PeerID: saved, Message: "milk"}, 5},
		{"another chat", &tg.Message{ID: 9, PeerID: &tg.PeerUser{UserID: 2}, Message: "hi"}, 5},
		{"a command", &tg.Message{ID: 7, Out: true, PeerID: saved, Message: "/help"}, 7},
		{"an older one again", &tg.Message{ID: 6, Out: true, PeerID: saved, Message: "eggs"}, 7},
	} {
		if err := r.OnNewMessage(context.Background(), tg.Entities{}, &tg.UpdateNewMessage{Message: tt.msg}); err != nil {
			t.Fatal(err)
		}
		if floor, found, err := db.Floor(); err != nil || !found || floor != tt.want {
			t.Errorf("after %s: floor %d, %v, %v; want %d", tt.name, floor, found, err, tt.want)
		}
	}
}
