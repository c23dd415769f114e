package handlers

import (
	"strings"
	"testing"

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
