package handlers

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"
)

// TestUndo: nothing recorded is nothing to undo, without a call; a photo
// with none before it is removed.
func TestUndo(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	if got := run(t, r, 10, "/undo @alice"); got != "❌ nothing to undo for @alice" {
		t.Errorf("/undo with no record: %q", got)
	}
	aliceHasPhoto(t, db)
	mock.ExpectCall(removal).ThenResult(&tg.PhotosPhoto{Photo: &tg.PhotoEmpty{}})
	if got := run(t, r, 11, "/undo @alice"); !strings.HasPrefix(got, "✅ @alice: personal photo removed (there was no earlier one)") {
		t.Errorf("/undo: %q", got)
	}
}

// TestUndoToReset: a photo set after a reset goes back to no photo, and
// /history lists the reset as a step between the photos.
func TestUndoToReset(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	aliceHasPhoto(t, db)
	if err := db.ResetPhoto(42, time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	aliceHasPhoto(t, db)
	got := run(t, r, 10, "/history @alice")
	if !strings.Contains(got, "\n• 1: reset 2026-03-04 05:06") || !strings.Contains(got, "\n• 2: photo from message 5") {
		t.Errorf("/history does not show the reset as a step:\n%s", got)
	}
	mock.ExpectCall(removal).ThenResult(&tg.PhotosPhoto{Photo: &tg.PhotoEmpty{}})
	if got := run(t, r, 11, "/undo @alice"); !strings.HasPrefix(got, "✅ @alice: personal photo removed, as after the reset of 2026-03-04 05:06") {
		t.Errorf("/undo to the reset: %q", got)
	}
	rec, _, _ := db.Photo(42)
	if rec.Current != nil || len(rec.History) != 1 || rec.History[0].Kind != kindPhoto {
		t.Errorf("after /undo to the reset: %+v, want no photo and the first photo one step back", rec)
	}
}
