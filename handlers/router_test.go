package handlers

import (
	"path/filepath"
	"testing"

	"github.com/gotd/td/tg"

	"persona/storage"
)

func TestIsCommand(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	r := New(Options{DB: db})
	r.worker.Store(newWorker(r, &runner{account: account{self: &tg.User{ID: 1}}, stores: stores{records: db}}))
	if _, err := db.Begin(50, "/list", r.opts.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(50, 51, "ok", r.opts.Now()); err != nil {
		t.Fatal(err)
	}
	saved := &tg.PeerUser{UserID: 1}
	for _, tt := range []struct {
		name string
		msg  *tg.Message
		want bool
	}{
		{"own command", &tg.Message{ID: 2, Out: true, PeerID: saved, Message: "/list"}, true},
		{"incoming", &tg.Message{ID: 3, Out: false, PeerID: saved, Message: "/list"}, false},
		{"other chat", &tg.Message{ID: 4, Out: true, PeerID: &tg.PeerUser{UserID: 2}, Message: "/list"}, false},
		{"group", &tg.Message{ID: 5, Out: true, PeerID: &tg.PeerChat{ChatID: 1}, Message: "/list"}, false},
		{"forwarded", func() *tg.Message {
			m := &tg.Message{ID: 6, Out: true, PeerID: saved, Message: "/list"}
			m.SetFwdFrom(tg.MessageFwdHeader{FromID: &tg.PeerUser{UserID: 9}})
			return m
		}(), false},
		{"no prefix", &tg.Message{ID: 7, Out: true, PeerID: saved, Message: "list"}, false},
		{"bare prefix", &tg.Message{ID: 8, Out: true, PeerID: saved, Message: "/"}, false},
		{"prefix and a digit", &tg.Message{ID: 9, Out: true, PeerID: saved, Message: "/1 @alice"}, false},
		{"unknown word", &tg.Message{ID: 10, Out: true, PeerID: saved, Message: "/frobnicate"}, true},
		{"our reply", &tg.Message{ID: 51, Out: true, PeerID: saved, Message: "/list"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := r.isCommand(tt.msg); got != tt.want {
				t.Errorf("isCommand = %v, want %v", got, tt.want)
			}
		})
	}
}
