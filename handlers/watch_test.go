package handlers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/archive"
	"persona/storage"
)

func newWatchRunner(t *testing.T) (*runner, *storage.DB) {
	t.Helper()
	r, db, _ := newTestRunner(t)
	r.watches = db
	r.archive = archive.Beside(db.Path())
	r.watching = newWatchFlags()
	return r, db
}

func TestOwnPhotoIn(t *testing.T) {
	tests := []struct {
		name  string
		photo tg.UserProfilePhotoClass
		id    int64
		known bool
	}{
		{"none", nil, 0, true},
		{"empty", &tg.UserProfilePhotoEmpty{}, 0, true},
		{"their own", &tg.UserProfilePhoto{PhotoID: 5}, 5, true},
		{"a personal photo hides theirs", &tg.UserProfilePhoto{PhotoID: 6, Personal: true}, 0, false},
	}
	for _, tt := range tests {
		id, known := ownPhotoIn(&tg.User{Photo: tt.photo})
		if id != tt.id || known != tt.known {
			t.Errorf("%s: %d, %v; want %d, %v", tt.name, id, known, tt.id, tt.known)
		}
	}
}

// TestNoticeBodyWithoutUpload: the notices that attach nothing say why,
// and a lost copy is never replaced by another photo.
func TestNoticeBodyWithoutUpload(t *testing.T) {
	r, _ := newWatchRunner(t)
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	tests := []struct {
		n    storage.Notice
		want string
	}{
		{storage.Notice{Label: "@bob", What: storage.NoticeSet}, "👁 @bob set a profile photo"},
		{storage.Notice{Label: "@eve", What: storage.NoticeChanged}, "👁 @eve changed their profile photo\nNo copy of their previous photo was kept"},
		{
			storage.Notice{Label: "@al", What: storage.NoticeRemoved, Previous: storage.Copy{File: strings.Repeat("a", 64) + ".jpg", Date: at}},
			"👁 @al removed their profile photo\nTheir previous photo, of 2026-01-02 03:04 UTC, was lost: its copy in " + r.archive.Dir(),
		},
	}
	for _, tt := range tests {
		text, media, err := r.noticeBody(t.Context(), tt.n)
		if err != nil || media != nil || !strings.HasPrefix(text, tt.want) {
			t.Errorf("%+v: %q, %v, %v; want %q and no media", tt.n, text, media, err, tt.want)
		}
	}
}

func TestNoticeRandomID(t *testing.T) {
	a, b := noticeRandomID(1, 7), noticeRandomID(1, 8)
	if a != noticeRandomID(1, 7) || a == b || a < 0 || a == replyRandomID(1, 7) {
		t.Fatalf("random ids %d %d: want stable, distinct, positive, and no reply's", a, b)
	}
}

// TestWatchFlagsWakeAt: at start everything is due, the check only after
// the catch-up; a retry or the pace puts them later.
func TestWatchFlagsWakeAt(t *testing.T) {
	f := newWatchFlags()
	if at := f.wakeAt(true); at.IsZero() || at.After(time.Now()) {
		t.Fatalf("at start: %v, want due", at)
	}
	f.notices.Store(false)
	f.copies.Store(false)
	if at := f.wakeAt(true); !at.IsZero() {
		t.Fatalf("only the check, during a catch-up: %v, want nothing", at)
	}
	next := time.Now().Add(time.Hour)
	f.checkAt.Store(next.UnixNano())
	f.copies.Store(true)
	f.copyAt.Store(next.Add(-time.Minute).UnixNano())
	if at := f.wakeAt(false); !at.Equal(time.Unix(0, next.Add(-time.Minute).UnixNano())) {
		t.Fatalf("wake at %v, want the next copy", at)
	}
}

func TestWatchQueue(t *testing.T) {
	f := newWatchFlags()
	f.queue([]int64{3, 4})
	if id, ok := f.pop(); !ok || id != 3 {
		t.Fatalf("pop = %d, %v", id, ok)
	}
	f.copyFailed(4)
	if !f.hasFailed(4) {
		t.Fatal("failure forgotten")
	}
	f.forgetFailures()
	if f.hasFailed(4) {
		t.Fatal("failure kept after a check")
	}
}

// TestWatchListAndUnwatch: /watch alone lists, /unwatch deletes the files
// no other watch uses.
func TestWatchListAndUnwatch(t *testing.T) {
	r, db := newWatchRunner(t)
	if got := r.listWatches(); !strings.HasPrefix(got.lines[0].text, "nobody is watched") {
		t.Fatalf("empty list: %+v", got)
	}
	name, err := r.archive.Put([]byte("photo"), ".jpg")
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	_ = db.AddWatch(storage.Watch{UserID: 42, Label: "@alice", Since: since, PhotoID: 1, Copies: []storage.Copy{{PhotoID: 1, File: name}}})
	got := r.listWatches()
	if got.header != "👁 1 contact watched" || got.lines[0].text != "@alice: since 2026-01-02 03:04 UTC, 1 copy kept" {
		t.Fatalf("list: %+v", got)
	}
	if out := r.unwatchAll(); !out.allOK() {
		t.Fatalf("/unwatch all: %+v", out)
	}
	if _, err := os.Stat(filepath.Join(r.archive.Dir(), name)); !os.IsNotExist(err) {
		t.Fatalf("the copy is still there: %v", err)
	}
}

func TestWatchLabel(t *testing.T) {
	for _, tc := range []struct {
		c    storage.Contact
		want string
	}{
		{storage.Contact{ID: 1, Username: "alice"}, "@alice"},
		{storage.Contact{ID: 2, FirstName: "Bob"}, "Bob (id 2)"},
		{storage.Contact{ID: 3}, "no name (id 3)"},
	} {
		if got := watchLabel(tc.c); got != tc.want {
			t.Errorf("watchLabel(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// TestNewWatch: a contact list just sent tells their own photo, unless it
// shows a personal one; a list held (contactsNotModified) may be old, so
// its watches are unseen until a look.
func TestNewWatch(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	for _, tc := range []struct {
		c      storage.Contact
		fresh  bool
		photo  int64
		unseen bool
	}{
		{storage.Contact{ID: 1, PhotoID: 7}, true, 7, false},
		{storage.Contact{ID: 1}, true, 0, false},
		{storage.Contact{ID: 1, PhotoID: 7, Personal: true}, true, 0, true},
		{storage.Contact{ID: 1, PhotoID: 7}, false, 0, true},
	} {
		w := newWatch(tc.c, tc.fresh, now)
		if w.PhotoID != tc.photo || w.Unseen != tc.unseen || !w.Since.Equal(now) {
			t.Errorf("newWatch(%+v, fresh %v) = %+v, want photo %d unseen %v", tc.c, tc.fresh, w, tc.photo, tc.unseen)
		}
	}
}
