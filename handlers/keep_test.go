package handlers

import (
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/media"
	"persona/storage"
)

func TestNoSuchPhoto(t *testing.T) {
	for _, tc := range []struct {
		n, count int
		want     string
	}{
		{1, 0, "@alice has no profile photo to keep; !hide @alice shows their initials instead"},
		{3, 0, "@alice has no profile photo to keep; !hide @alice shows their initials instead"},
		{2, 1, "@alice has 1 profile photo; photo=2 is not one of them: use photo=1"},
		{5, 2, "@alice has 2 profile photos; photo=5 is not one of them: pick photo=1 to photo=2"},
	} {
		if got := noSuchPhoto("!", "@alice", tc.n, tc.count).Error(); got != tc.want {
			t.Errorf("noSuchPhoto(%d, %d) = %q; want %q", tc.n, tc.count, got, tc.want)
		}
	}
}

// TestKeptMedia: a video photo is kept as its largest video size with its
// cover frame; a photo as its largest image size.
func TestKeptMedia(t *testing.T) {
	small := &tg.VideoSize{Type: "p", W: 160, H: 160, Size: 10}
	big := &tg.VideoSize{Type: "u", W: 800, H: 800, Size: 99}
	big.SetVideoStartTs(1.5)
	p := &tg.Photo{ID: 1, Sizes: []tg.PhotoSizeClass{&tg.PhotoSize{Type: "y", W: 640, H: 640, Size: 5}},
		VideoSizes: []tg.VideoSizeClass{small, big, &tg.VideoSizeEmojiMarkup{EmojiID: 1}}}
	pr, err := keptMedia(7, p)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := pr.src.Location.(*tg.InputPhotoFileLocation)
	if pr.src.Kind != media.KindVideo || loc == nil || loc.ThumbSize != "u" || pr.opts.Frame == nil || *pr.opts.Frame != 1.5 {
		t.Fatalf("video kept as %+v, frame %v", pr.src, pr.opts.Frame)
	}
	p.VideoSizes = nil
	if pr, err = keptMedia(7, p); err != nil || pr.src.Kind != media.KindPhoto || pr.opts.Frame != nil {
		t.Fatalf("photo kept as %+v, %v", pr, err)
	}
}

func TestDescribeHiddenKept(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	for _, tc := range []struct {
		e    storage.PhotoEntry
		want string
	}{
		{storage.PhotoEntry{Kind: kindHidden, SetAt: at}, "hidden behind their initials, set 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindKept, SetAt: at, KeptDate: at.Add(-24 * time.Hour), AddedContact: true},
			"kept from their photo of 2026-01-01 03:04 UTC, set 2026-01-02 03:04 UTC, added by Persona to your contacts"},
	} {
		if got := describeEntry(tc.e, zone{time.UTC}); got != tc.want {
			t.Errorf("describeEntry(%s) = %q; want %q", tc.e.Kind, got, tc.want)
		}
	}
	if got := setLine("@eve", true, false, true, time.Time{}); got != "@eve: added to your contacts; personal photo set" {
		t.Errorf("setLine = %q", got)
	}
}

// TestKeepNoPhoto: a contact with no profile photo of their own has none
// to keep; the reply says so and names /hide, and nothing is recorded.
func TestKeepNoPhoto(t *testing.T) {
	r, db, mock := newTestRunner(t)
	savedAlice(t, db)
	mock.ExpectCall(&tg.PhotosGetUserPhotosRequest{UserID: aliceInput, Limit: 1}).ThenResult(&tg.PhotosPhotosSlice{})
	if got := run(t, r, 10, "/keep @alice"); got != "❌ @alice has no profile photo to keep; /hide @alice shows their initials instead" {
		t.Errorf("/keep with no photo: %q", got)
	}
	if rec, found, _ := db.Photo(42); found {
		t.Errorf("recorded %+v for a refused /keep", rec)
	}
}
