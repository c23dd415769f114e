package handlers

import (
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestUndoToKeptGone: /undo back to a /keep looks for the same photo in
// the contact's own list (the kept kind's setAgain); when they deleted it,
// the reply says which one is gone and the record stays as it was.
func TestUndoToKeptGone(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	kept := storage.PhotoEntry{Kind: kindKept, PhotoID: 70, CommandID: 4, KeptPhotoID: 500, KeptDate: time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)}
	if err := db.SetPhoto(42, "@alice", kept); err != nil {
		t.Fatal(err)
	}
	aliceHasPhoto(t, db)
	mock.ExpectCall(&tg.PhotosGetUserPhotosRequest{UserID: aliceInput, Limit: 100}).
		ThenResult(&tg.PhotosPhotos{Photos: []tg.PhotoClass{&tg.Photo{ID: 501}}})
	if got := run(t, r, 11, "/undo @alice"); got != "❌ their photo of 2026-03-04 05:06 UTC is no longer in their profile" {
		t.Errorf("/undo to a deleted kept photo: %q", got)
	}
	rec, _, _ := db.Photo(42)
	if rec.Current == nil || rec.Current.Kind != kindPhoto || len(rec.History) != 1 {
		t.Errorf("after a refused /undo: %+v, want the record as it was", rec)
	}
}
