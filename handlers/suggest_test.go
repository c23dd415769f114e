package handlers

import (
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// emojiCall is the call of "/suggest @alice 🙂 bg=#ABCDEF", the emoji a
// custom one (document 555), as Telegram's apps send it.
func emojiCall(t *testing.T, r *runner, id int) call {
	t.Helper()
	text := "/suggest @alice 🙂 bg=#ABCDEF"
	c := callOf(t, id, text)
	c.msg.Entities = []tg.MessageEntityClass{&tg.MessageEntityCustomEmoji{
		Offset: len(utf16.Encode([]rune("/suggest @alice "))), Length: 2, DocumentID: 555,
	}}
	if _, err := r.journal.Begin(id, text, time.Now()); err != nil {
		t.Fatal(err)
	}
	c.status = r.newStatusMessage(t.Context(), id)
	t.Cleanup(c.status.stop)
	return c
}

// suggestion is the call that suggests that emoji to @alice: suggest, not
// save, and the emoji's markup on the bg= given, with nothing to upload.
var suggestion = &tg.PhotosUploadContactProfilePhotoRequest{
	Suggest: true, UserID: aliceInput,
	VideoEmojiMarkup: &tg.VideoSizeEmojiMarkup{EmojiID: 555, BackgroundColors: []int{0xABCDEF}},
}

// TestSuggest: /suggest sends the media as a suggestion and records no
// personal photo, since the owner's view of the contact stays as it was.
func TestSuggest(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	mock.ExpectCall(suggestion).ThenResult(&tg.PhotosPhoto{Photo: &tg.Photo{ID: 88}})
	if got := registry["suggest"].run(r, t.Context(), emojiCall(t, r, 10)).String(); got != "✅ @alice: photo suggested" {
		t.Errorf("/suggest: %q", got)
	}
	if rec, found, _ := db.Photo(42); found {
		t.Errorf("/suggest recorded a personal photo: %+v", rec)
	}
}

// TestSuggestContactMissing: Telegram takes suggestions only between
// people who know each other; the reply says so in plain words.
func TestSuggestContactMissing(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	mock.ExpectCall(suggestion).ThenRPCErr(&tgerr.Error{Code: 400, Type: "CONTACT_MISSING", Message: "CONTACT_MISSING"})
	want := "❌ @alice is not in your contacts and shares no chat with you: Telegram takes suggestions only between people who know each other"
	if got := registry["suggest"].run(r, t.Context(), emojiCall(t, r, 10)).String(); got != want {
		t.Errorf("/suggest to a stranger: %q", got)
	}
}
