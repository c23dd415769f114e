package handlers

import (
	"testing"

	"github.com/gotd/td/tg"
)

// TestReset: a recorded photo is removed with the save flag and the
// record reset; with no record, Telegram is asked whether it shows one.
func TestReset(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	aliceHasPhoto(t, db)
	mock.ExpectCall(removal).ThenResult(&tg.PhotosPhoto{Photo: &tg.PhotoEmpty{}})
	if got := run(t, r, 10, "/reset @alice"); got != "✅ @alice: personal photo removed" {
		t.Errorf("/reset: %q", got)
	}
	if rec, _, _ := db.Photo(42); rec.Current != nil {
		t.Errorf("record still current: %+v", rec.Current)
	}

	mock.ExpectCall(&tg.UsersGetFullUserRequest{ID: aliceInput}).
		ThenResult(&tg.UsersUserFull{FullUser: tg.UserFull{ID: 42}})
	if got := run(t, r, 11, "/reset @alice"); got != "❌ no personal photo set for @alice; /undo @alice brings back the last one" {
		t.Errorf("/reset again: %q", got)
	}
}
