package storage

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestAddWatchKeepsSinceAndCopies(t *testing.T) {
	db := openTest(t)
	if err := db.AddWatch(Watch{UserID: 7, Label: "@alice", Since: t0, PhotoID: 11}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddCopy(7, Copy{PhotoID: 11, File: "a.jpg"}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddWatch(Watch{UserID: 7, Label: "@alice", Since: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	w, found, err := db.Watched(7)
	if err != nil || !found {
		t.Fatalf("Watched: %v %v", found, err)
	}
	if !w.Since.Equal(t0) || w.PhotoID != 11 || len(w.Copies) != 1 || w.NeedsCopy() {
		t.Fatalf("watch after a second /watch: %+v", w)
	}
}

func TestAddCopyKeepsTheLastTen(t *testing.T) {
	db := openTest(t)
	if err := db.AddWatch(Watch{UserID: 7, Since: t0}); err != nil {
		t.Fatal(err)
	}
	var dropped []string
	for i := range MaxCopies + 3 {
		unused, err := db.AddCopy(7, Copy{PhotoID: int64(100 + i), File: fmt.Sprintf("f%d.jpg", i)})
		if err != nil {
			t.Fatal(err)
		}
		dropped = append(dropped, unused...)
	}
	if want := []string{"f0.jpg", "f1.jpg", "f2.jpg"}; !reflect.DeepEqual(dropped, want) {
		t.Fatalf("dropped %v, want %v", dropped, want)
	}
	w, _, _ := db.Watched(7)
	if len(w.Copies) != MaxCopies || w.Copies[0].File != "f3.jpg" || w.PhotoID != 112 {
		t.Fatalf("copies %+v", w.Copies)
	}
}

func TestRemoveWatchKeepsSharedFiles(t *testing.T) {
	db := openTest(t)
	for _, id := range []int64{7, 8} {
		if err := db.AddWatch(Watch{UserID: id, Since: t0}); err != nil {
			t.Fatal(err)
		}
	}
	_, _ = db.AddCopy(7, Copy{PhotoID: 1, File: "shared.jpg"})
	_, _ = db.AddCopy(7, Copy{PhotoID: 2, File: "own.jpg"})
	_, _ = db.AddCopy(8, Copy{PhotoID: 1, File: "shared.jpg"})
	unused, err := db.RemoveWatch(7)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(unused, []string{"own.jpg"}) {
		t.Fatalf("unused %v, want only own.jpg", unused)
	}
	if _, found, _ := db.Watched(7); found {
		t.Fatal("still watched")
	}
	if unused, err := db.RemoveWatch(7); err != nil || unused != nil {
		t.Fatalf("second RemoveWatch: %v %v", unused, err)
	}
}

func TestNoteChange(t *testing.T) {
	tests := []struct {
		name        string
		before, now int64
		want        string // "" for no notice
	}{
		{"same photo", 11, 11, ""},
		{"changed", 11, 12, NoticeChanged},
		{"removed", 11, 0, NoticeRemoved},
		{"first photo", 0, 12, NoticeSet},
		{"still none", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			_ = db.AddWatch(Watch{UserID: 7, Label: "@alice", Since: t0, PhotoID: tt.before})
			if tt.before != 0 {
				_, _ = db.AddCopy(7, Copy{PhotoID: tt.before, File: "old.jpg"})
			}
			n, noted, err := db.NoteChange(7, tt.now, t0)
			if err != nil || noted != (tt.want != "") || n.What != tt.want {
				t.Fatalf("NoteChange = %+v, %v, %v; want %q", n, noted, err, tt.want)
			}
			pending, _ := db.PendingNotices()
			if !noted {
				if len(pending) != 0 {
					t.Fatalf("pending %+v without a change", pending)
				}
				return
			}
			if len(pending) != 1 {
				t.Fatalf("pending %+v", pending)
			}
			if tt.before != 0 && pending[0].Previous.File != "old.jpg" {
				t.Fatalf("previous %+v, want the archived copy", pending[0].Previous)
			}
			if _, again, _ := db.NoteChange(7, tt.now, t0); again {
				t.Fatal("the same change noted twice")
			}
			if err := db.NoticeSent(pending[0].Seq); err != nil {
				t.Fatal(err)
			}
			if pending, _ := db.PendingNotices(); len(pending) != 0 {
				t.Fatalf("after sent: %+v", pending)
			}
		})
	}
}

func TestNoteChangeUnwatched(t *testing.T) {
	db := openTest(t)
	if _, noted, err := db.NoteChange(7, 12, t0); noted || err != nil {
		t.Fatalf("an unwatched contact: %v %v", noted, err)
	}
}

func TestWatchAll(t *testing.T) {
	db := openTest(t)
	if _, on, _ := db.WatchAll(); on {
		t.Fatal("on in a new database")
	}
	if err := db.SetWatchAll(t0); err != nil {
		t.Fatal(err)
	}
	if since, on, err := db.WatchAll(); !on || !since.Equal(t0) || err != nil {
		t.Fatalf("WatchAll = %v %v %v", since, on, err)
	}
	_ = db.SetWatchAll(time.Time{})
	if _, on, _ := db.WatchAll(); on {
		t.Fatal("still on after /unwatch all")
	}
}

// TestUnseenFirstLookIsNoChange: a watch from `/watch all` whose own photo
// was not looked at yet takes the first photo seen without a notice; the
// next difference is a change.
func TestUnseenFirstLookIsNoChange(t *testing.T) {
	db := openTest(t)
	if err := db.AddWatch(Watch{UserID: 7, Since: t0, Unseen: true}); err != nil {
		t.Fatal(err)
	}
	if w, _, _ := db.Watched(7); !w.NeedsCopy() {
		t.Fatalf("an unseen watch needs no look: %+v", w)
	}
	if _, noted, err := db.NoteChange(7, 0, t0); err != nil || noted {
		t.Fatalf("first look: noted %v, %v; want no notice", noted, err)
	}
	w, _, _ := db.Watched(7)
	if w.Unseen || w.NeedsCopy() {
		t.Fatalf("after the first look: %+v", w)
	}
	if n, noted, err := db.NoteChange(7, 5, t0); err != nil || !noted || n.What != NoticeSet {
		t.Fatalf("a photo after none: %+v %v %v", n, noted, err)
	}
}

// TestAddCopyTakesUnseenAsSeen: archiving the photo of an unseen watch
// makes it seen, and a second /watch does not take another photo id.
func TestAddCopyTakesUnseenAsSeen(t *testing.T) {
	db := openTest(t)
	_ = db.AddWatch(Watch{UserID: 7, Since: t0, Unseen: true})
	if _, err := db.AddCopy(7, Copy{PhotoID: 3, File: "a.jpg"}); err != nil {
		t.Fatal(err)
	}
	_ = db.AddWatch(Watch{UserID: 7, Since: t0, PhotoID: 4, Unseen: true})
	w, _, _ := db.Watched(7)
	if w.Unseen || w.PhotoID != 3 || w.NeedsCopy() {
		t.Fatalf("watch %+v; want seen with photo 3", w)
	}
}

func TestAddWatchesKeepsWatched(t *testing.T) {
	db := openTest(t)
	_ = db.AddWatch(Watch{UserID: 7, Since: t0, PhotoID: 3})
	added, err := db.AddWatches([]Watch{{UserID: 7, Since: t0.Add(time.Hour), Unseen: true}, {UserID: 8, Since: t0, Unseen: true}})
	if err != nil || added != 1 {
		t.Fatalf("AddWatches = %d, %v; want 1 new", added, err)
	}
	if w, _, _ := db.Watched(7); w.Unseen || w.PhotoID != 3 || !w.Since.Equal(t0) {
		t.Fatalf("the watch already there changed: %+v", w)
	}
	if w, found, _ := db.Watched(8); !found || !w.Unseen {
		t.Fatalf("new watch: %+v %v", w, found)
	}
}
