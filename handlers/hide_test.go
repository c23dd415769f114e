package handlers

import (
	"testing"
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgmock"

	"persona/storage"
)

// aliceNow is @alice as Telegram describes her now (users.getUsers).
func aliceNow(contact bool) *tg.UserClassVector {
	return &tg.UserClassVector{Elems: []tg.UserClass{
		&tg.User{ID: 42, AccessHash: 7, Username: "alice", FirstName: "Alice", Contact: contact},
	}}
}

// expectHidden expects the calls that draw @alice's initials and set them
// as her personal photo: her name asked, the picture uploaded in one part
// (tens of kB), and the picture set, which Telegram answers with photo id.
func expectHidden(t *testing.T, mock *tgmock.Mock, photoID int64) {
	t.Helper()
	mock.ExpectCall(&tg.UsersGetUsersRequest{ID: []tg.InputUserClass{aliceInput}}).ThenResult(aliceNow(true))
	mock.ExpectFunc(func(b bin.Encoder) {
		if _, ok := b.(*tg.UploadSaveFilePartRequest); !ok {
			t.Errorf("call %T, want upload.saveFilePart", b)
		}
	}).ThenTrue()
	mock.ExpectFunc(func(b bin.Encoder) {
		req, ok := b.(*tg.PhotosUploadContactProfilePhotoRequest)
		if !ok {
			t.Fatalf("call %T, want photos.uploadContactProfilePhoto", b)
		}
		f, ok := req.File.(*tg.InputFile)
		if !req.Save || req.Suggest || !ok || f.Name != "hidden.jpg" || req.UserID.(*tg.InputUser).UserID != 42 {
			t.Errorf("hidden photo set with %+v", req)
		}
	}).ThenResult(&tg.PhotosPhoto{Photo: &tg.Photo{ID: photoID}})
}

// TestHide: /hide uploads a picture of the contact's initials as their
// personal photo and records it as hidden, with the command that set it.
func TestHide(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	expectHidden(t, mock, 77)
	if got := run(t, r, 10, "/hide @alice"); got != "✅ @alice: personal photo set to their initials; /reset brings theirs back" {
		t.Errorf("/hide: %q", got)
	}
	rec, found, err := db.Photo(42)
	if err != nil || !found || rec.Current == nil {
		t.Fatalf("record after /hide: %+v, %v, %v", rec, found, err)
	}
	if c := rec.Current; c.Kind != kindHidden || c.PhotoID != 77 || c.CommandID != 10 || c.AddedContact {
		t.Errorf("recorded %+v, want hidden photo 77 by command 10", c)
	}
}

// TestHideNotContact: someone who is not a contact gets no picture without
// add=yes; the reply names it, and nothing is recorded.
func TestHideNotContact(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	mock.ExpectCall(&tg.UsersGetUsersRequest{ID: []tg.InputUserClass{aliceInput}}).ThenResult(aliceNow(false))
	if got := run(t, r, 10, "/hide @alice"); got != "❌ @alice is not in your contacts; add=yes adds them first" {
		t.Errorf("/hide of a non-contact: %q", got)
	}
	if rec, found, _ := db.Photo(42); found {
		t.Errorf("recorded %+v for a refused /hide", rec)
	}
}

// TestUndoToHidden: /undo back to a /hide draws the initials again (the
// hidden kind's setAgain) and records them with the new photo id.
func TestUndoToHidden(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	at := time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)
	if err := db.SetPhoto(42, "@alice", storage.PhotoEntry{Kind: kindHidden, PhotoID: 70, CommandID: 4, SetAt: at}); err != nil {
		t.Fatal(err)
	}
	aliceHasPhoto(t, db)
	expectHidden(t, mock, 78)
	if got := run(t, r, 11, "/undo @alice"); got != "✅ @alice: back to their initials from 2026-03-04 05:06 UTC" {
		t.Errorf("/undo to a /hide: %q", got)
	}
	rec, _, _ := db.Photo(42)
	if c := rec.Current; c == nil || c.Kind != kindHidden || c.PhotoID != 78 || c.CommandID != 4 {
		t.Errorf("after /undo: %+v, want the hidden photo again as photo 78", c)
	}
}
