package handlers

import (
	"strings"
	"testing"
	"time"

	"persona/storage"
)

// TestHistory: the photos set for a contact, newest first, from the
// records alone; none recorded is a ❌.
func TestHistory(t *testing.T) {
	r, db, _ := newTestRunner(t)
	savedAlice(t, db)
	if got := run(t, r, 1, "/history @alice"); got != "❌ no personal photos recorded for @alice; /setphoto @alice sets one" {
		t.Errorf("/history with no record: %q", got)
	}
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	for i, id := range []int{5, 6} {
		e := storage.PhotoEntry{Kind: kindPhoto, PhotoID: int64(9 + i), CommandID: id, SourceMsgID: id, SetAt: at.Add(time.Duration(i) * time.Hour)}
		if err := db.SetPhoto(42, "@alice", e); err != nil {
			t.Fatal(err)
		}
	}
	got := run(t, r, 2, "/history @alice")
	lines := strings.Split(got, "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "✅ personal photos of @alice, newest first") ||
		!strings.Contains(lines[1], "• now: photo from message 6") || !strings.Contains(lines[2], "• 1: photo from message 5") {
		t.Errorf("/history:\n%s", got)
	}
}
