package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestListEmpty: no records, no call, and a hint of what to do.
func TestListEmpty(t *testing.T) {
	r, _, _ := newTestRunner(t)
	if got := run(t, r, 1, "/list"); !strings.HasPrefix(got, "✅ no personal photos set yet; try /setphoto") {
		t.Errorf("/list: %q", got)
	}
}

// TestListChecksInOneCall: the records are checked with one
// users.getUsers, and a photo removed from another app is told and reset.
func TestListChecksInOneCall(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	if err := db.SetPhoto(42, "@alice", storage.PhotoEntry{Kind: kindPhoto, PhotoID: 9, SetAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	mock.ExpectCall(&tg.UsersGetUsersRequest{ID: []tg.InputUserClass{&tg.InputUser{UserID: 42, AccessHash: 7}}}).
		ThenResult(&tg.UserClassVector{Elems: []tg.UserClass{&tg.User{ID: 42}}})
	got := run(t, r, 1, "/list")
	if !strings.Contains(got, "@alice: removed in another app ") {
		t.Errorf("/list:\n%s", got)
	}
	if rec, _, _ := db.Photo(42); rec.Current != nil {
		t.Errorf("record still current: %+v", rec.Current)
	}
}
