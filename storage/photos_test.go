package storage

import (
	"reflect"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// Kinds as the handlers name them: storage keeps whatever it is given.
const (
	kindPhoto  PhotoKind = "photo"
	kindVideo  PhotoKind = "video"
	kindHidden PhotoKind = "hidden"
	kindKept   PhotoKind = "kept"
)

func entry(n int) PhotoEntry {
	return PhotoEntry{
		Kind:        kindPhoto,
		SourceMsgID: 1000 + n,
		CommandID:   2000 + n,
		PhotoID:     int64(3000 + n),
		SetAt:       t0.Add(time.Duration(n) * time.Minute),
	}
}

func TestSetPhotoHistory(t *testing.T) {
	tests := []struct {
		name        string
		sets        int
		wantCurrent int
		wantHistory []int // entry numbers, newest first; nil: check only length
		wantLen     int
	}{
		{name: "first", sets: 1, wantCurrent: 0, wantHistory: []int{}},
		{name: "three", sets: 3, wantCurrent: 2, wantHistory: []int{1, 0}},
		{name: "at cap", sets: maxHistory + 1, wantCurrent: maxHistory, wantLen: maxHistory},
		{name: "over cap", sets: maxHistory + 10, wantCurrent: maxHistory + 9, wantLen: maxHistory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			for i := range tt.sets {
				if err := db.SetPhoto(7, "@alice", entry(i)); err != nil {
					t.Fatal(err)
				}
			}
			r, found, err := db.Photo(7)
			if err != nil || !found {
				t.Fatalf("Photo = %v, %v", found, err)
			}
			if want := entry(tt.wantCurrent); r.Current == nil || !reflect.DeepEqual(*r.Current, want) {
				t.Errorf("Current = %+v, want %+v", r.Current, want)
			}
			if tt.wantHistory != nil {
				tt.wantLen = len(tt.wantHistory)
				for i, n := range tt.wantHistory {
					if !reflect.DeepEqual(r.History[i], entry(n)) {
						t.Errorf("History[%d] = %+v, want entry %d", i, r.History[i], n)
					}
				}
			}
			if len(r.History) != tt.wantLen {
				t.Fatalf("len(History) = %d, want %d", len(r.History), tt.wantLen)
			}
			for i := 1; i < len(r.History); i++ {
				if !r.History[i-1].SetAt.After(r.History[i].SetAt) {
					t.Fatalf("History not newest first at %d", i)
				}
			}
			if len(r.History) > 0 && !reflect.DeepEqual(r.History[0], entry(tt.wantCurrent-1)) {
				t.Errorf("History[0] = %+v, want the previous current", r.History[0])
			}
		})
	}
}

func TestResetPhoto(t *testing.T) {
	db := openTest(t)
	resetAt := t0.Add(time.Hour)
	if err := db.ResetPhoto(9, resetAt); err != nil {
		t.Fatalf("reset without record: %v", err)
	}
	if _, found, _ := db.Photo(9); found {
		t.Fatal("reset without record created one")
	}
	e := entry(1)
	e.Kind, e.Suggested, e.ExpiresAt = kindVideo, true, t0.Add(24*time.Hour)
	if err := db.SetPhoto(9, "Bob", e); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a second reset keeps the history as it is
		if err := db.ResetPhoto(9, resetAt); err != nil {
			t.Fatal(err)
		}
	}
	want := PhotoRecord{UserID: 9, Label: "Bob", History: []PhotoEntry{e}, ResetAt: resetAt}
	db = reopen(t, db)
	got, found, err := db.Photo(9)
	if err != nil || !found {
		t.Fatalf("Photo = %v, %v", found, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after reset and reopen:\n got %+v\nwant %+v", got, want)
	}
	// Setting again after a reset keeps the reset as a step of History,
	// and an empty label keeps the old one.
	if err := db.SetPhoto(9, "", entry(2)); err != nil {
		t.Fatal(err)
	}
	got, _, _ = db.Photo(9)
	wantHistory := []PhotoEntry{{Kind: KindReset, SetAt: resetAt}, e}
	if got.Label != "Bob" || got.Current == nil || !reflect.DeepEqual(got.History, wantHistory) {
		t.Errorf("set after reset = %+v, want history %+v", got, wantHistory)
	}
}

func TestPhotosListAndCount(t *testing.T) {
	db := openTest(t)
	steps := []struct {
		user  int64
		n     int  // entry number, sets the time
		reset bool // reset instead of set
	}{
		{user: 1, n: 5},
		{user: 2, n: 9},
		{user: 3, n: 1},
		{user: 4, n: 7},
		{user: 4, reset: true},
		{user: 1, n: 3}, // older than its previous entry: ordering follows Current.SetAt
	}
	for _, s := range steps {
		var err error
		if s.reset {
			err = db.ResetPhoto(s.user, t0)
		} else {
			err = db.SetPhoto(s.user, "", entry(s.n))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, db *DB) {
		list, err := db.Photos()
		if err != nil {
			t.Fatal(err)
		}
		var users []int64
		for _, r := range list {
			users = append(users, r.UserID)
		}
		if want := []int64{2, 1, 3}; !reflect.DeepEqual(users, want) {
			t.Errorf("Photos order = %v, want %v", users, want)
		}
		n, err := db.CountPhotos()
		if err != nil || n != 3 {
			t.Errorf("CountPhotos = %d, %v; want 3", n, err)
		}
	}
	check(t, db)
	t.Run("after reopen", func(t *testing.T) { check(t, reopen(t, db)) })
}

func TestPhotosEmpty(t *testing.T) {
	db := openTest(t)
	list, err := db.Photos()
	if err != nil || len(list) != 0 {
		t.Errorf("Photos = %v, %v", list, err)
	}
	if n, err := db.CountPhotos(); err != nil || n != 0 {
		t.Errorf("CountPhotos = %d, %v", n, err)
	}
}

// TestUndoPhoto: undo pops History instead of pushing the current photo, so
// repeated undos walk back and never toggle.
func TestUndoPhoto(t *testing.T) {
	db := openTest(t)
	e0 := entry(0)
	if err := db.UndoPhoto(9, &e0, t0); err != nil {
		t.Fatalf("undo without record: %v", err)
	}
	if _, found, _ := db.Photo(9); found {
		t.Fatal("undo without record created one")
	}
	for n := range 3 {
		if err := db.SetPhoto(9, "@bob", entry(n)); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []int{1, 0} {
		restored := entry(want)
		restored.PhotoID = 9000 + int64(want)
		if err := db.UndoPhoto(9, &restored, t0); err != nil {
			t.Fatal(err)
		}
		r, _, err := db.Photo(9)
		if err != nil {
			t.Fatal(err)
		}
		if r.Current == nil || !reflect.DeepEqual(*r.Current, restored) {
			t.Fatalf("after undo Current = %+v, want %+v", r.Current, restored)
		}
		if len(r.History) != want {
			t.Fatalf("after undo to entry %d len(History) = %d, want %d", want, len(r.History), want)
		}
	}
	// With nothing before, undo removes the photo and forgets it.
	removedAt := t0.Add(time.Hour)
	if err := db.UndoPhoto(9, nil, removedAt); err != nil {
		t.Fatal(err)
	}
	before, _, _ := db.Photo(9)
	if before.Current != nil || len(before.History) != 0 || !before.ResetAt.Equal(removedAt) {
		t.Fatalf("undo of the first photo: %+v, want none, reset, no history", before)
	}
	if err := db.UndoPhoto(9, &e0, t0); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := db.Photo(9); !reflect.DeepEqual(before, after) {
		t.Fatalf("undo with nothing to undo changed the record: %+v", after)
	}
}

// TestUndoWalksResets: a reset is a step of the history. Undo right after
// a reset brings back the photo it removed, and undo from a photo set after
// a reset goes back to no photo; each undo goes one step further back.
func TestUndoWalksResets(t *testing.T) {
	db := openTest(t)
	reset1, reset2 := t0.Add(time.Hour), t0.Add(2*time.Hour)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A, B, reset, C, reset.
	must(db.SetPhoto(9, "@bob", entry(0)))
	must(db.SetPhoto(9, "", entry(1)))
	must(db.ResetPhoto(9, reset1))
	must(db.SetPhoto(9, "", entry(2)))
	must(db.ResetPhoto(9, reset2))
	r, _, _ := db.Photo(9)
	wantHistory := []PhotoEntry{entry(2), {Kind: KindReset, SetAt: reset1}, entry(1), entry(0)}
	if r.Current != nil || !reflect.DeepEqual(r.History, wantHistory) {
		t.Fatalf("record = %+v, want no photo and history %+v", r, wantHistory)
	}
	// Back through C, the first reset, B, A, and then nothing.
	undoneAt := t0.Add(3 * time.Hour)
	steps := []struct {
		restored *PhotoEntry // nil: no photo
		history  int
	}{
		{restored: ptr(entry(2)), history: 3},
		{restored: nil, history: 2},
		{restored: ptr(entry(1)), history: 1},
		{restored: ptr(entry(0)), history: 0},
		{restored: nil, history: 0},
	}
	for i, s := range steps {
		db = reopen(t, db)
		must(db.UndoPhoto(9, s.restored, undoneAt))
		r, _, _ := db.Photo(9)
		if !reflect.DeepEqual(r.Current, s.restored) || len(r.History) != s.history {
			t.Fatalf("undo %d: current %+v, %d steps; want %+v, %d", i+1, r.Current, len(r.History), s.restored, s.history)
		}
		if s.restored == nil && !r.ResetAt.Equal(undoneAt) {
			t.Errorf("undo %d to no photo: ResetAt = %v", i+1, r.ResetAt)
		}
	}
}

// TestOldRecordUndoAfterReset: a record stored before resets were steps
// (no "reset" entries, ResetAt left from an earlier reset) loads, and undo
// after its reset brings back the photo the reset removed.
func TestOldRecordUndoAfterReset(t *testing.T) {
	db := openTest(t)
	old := `{"user_id":9,"label":"@bob","history":[` +
		`{"kind":"photo","source_msg_id":1001,"command_id":2001,"photo_id":3001,"set_at":"2026-01-02T03:04:05Z"},` +
		`{"kind":"video","source_msg_id":1000,"command_id":2000,"photo_id":3000,"set_at":"2026-01-01T03:04:05Z","frame":1.5}],` +
		`"reset_at":"2026-01-03T03:04:05Z"}`
	if err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketPhotos)
		if err != nil {
			return err
		}
		return b.Put(key(9), []byte(old))
	}); err != nil {
		t.Fatal(err)
	}
	r, found, err := db.Photo(9)
	if err != nil || !found || r.Current != nil || len(r.History) != 2 || r.History[1].Kind != kindVideo {
		t.Fatalf("old record = %+v, %v, %v", r, found, err)
	}
	restored := r.History[0]
	restored.PhotoID = 4001
	if err := db.UndoPhoto(9, &restored, t0); err != nil {
		t.Fatal(err)
	}
	r, _, _ = db.Photo(9)
	if r.Current == nil || r.Current.PhotoID != 4001 || len(r.History) != 1 || r.History[0].PhotoID != 3000 {
		t.Fatalf("after undo = %+v, want the photo back and the video before it", r)
	}
}

func ptr[T any](v T) *T { return &v }

// TestSyncPhoto: what Telegram shows corrects the record.
func TestSyncPhoto(t *testing.T) {
	db := openTest(t)
	at := t0.Add(time.Hour)
	if err := db.SyncPhoto(1, Shown{}, at); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := db.Photo(1); found {
		t.Fatal("sync without a record created one")
	}
	e := entry(1)
	e.ExpiresAt = t0.Add(48 * time.Hour)
	if err := db.SetPhoto(1, "@a", e); err != nil {
		t.Fatal(err)
	}
	later := at.Add(time.Hour)
	steps := []struct {
		shown         Shown
		at            time.Time
		wantElsewhere string
		wantCurrent   bool
		wantAt        time.Time // when the change was first seen
	}{
		{Shown{PhotoID: e.PhotoID}, at, "", true, time.Time{}},
		{Shown{PhotoID: e.PhotoID + 1}, at, ElsewhereChanged, true, at},
		{Shown{PhotoID: e.PhotoID + 1}, later, ElsewhereChanged, true, at},    // seen again: still the first date
		{Shown{PhotoID: e.PhotoID + 2}, later, ElsewhereChanged, true, later}, // changed there again
		{Shown{PhotoID: e.PhotoID}, at, "", true, time.Time{}},
		{Shown{}, at, ElsewhereRemoved, false, at},
		{Shown{}, later, ElsewhereRemoved, false, at},
		{Shown{PhotoID: 77}, later, ElsewhereSet, false, later},
		{Shown{}, later, ElsewhereRemoved, false, later},
		{Shown{Deleted: true}, later, ElsewhereDeleted, false, later},
	}
	for i, s := range steps {
		if err := db.SyncPhoto(1, s.shown, s.at); err != nil {
			t.Fatal(err)
		}
		r, _, _ := db.Photo(1)
		if r.Elsewhere != s.wantElsewhere || (r.Current != nil) != s.wantCurrent || !r.CheckedAt.Equal(s.at) || !r.ElsewhereAt.Equal(s.wantAt) {
			t.Fatalf("step %d, after Telegram shows %+v: elsewhere %q at %v, current %v, checked %v", i, s.shown, r.Elsewhere, r.ElsewhereAt, r.Current != nil, r.CheckedAt)
		}
	}
	if tm, found, _ := db.NextTimer(); found {
		t.Fatalf("the timer of a photo removed elsewhere is still set: %+v", tm)
	}
	if err := db.SetPhoto(1, "", entry(2)); err != nil {
		t.Fatal(err)
	}
	if r, _, _ := db.Photo(1); r.Elsewhere != "" {
		t.Fatalf("a new photo kept elsewhere %q", r.Elsewhere)
	}
}

// TestPhotoEntryOptionsKept: frame= and bg= survive the database, so /undo
// and a timer can set a video or sticker again exactly as it was.
func TestPhotoEntryOptionsKept(t *testing.T) {
	db := openTest(t)
	frame := 2.5
	e := entry(1)
	e.Frame, e.BG = &frame, []uint32{0x112233, 0x445566}
	if err := db.SetPhoto(1, "@a", e); err != nil {
		t.Fatal(err)
	}
	r, _, err := db.Photo(1)
	if err != nil || r.Current == nil || !reflect.DeepEqual(*r.Current, e) {
		t.Fatalf("Photo = %+v (%v), want %+v", r.Current, err, e)
	}
}

func TestAddedContactStays(t *testing.T) {
	db := openTest(t)
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := db.SetPhoto(7, "@eve", PhotoEntry{Kind: kindHidden, CommandID: 1, SetAt: at, AddedContact: true}); err != nil {
		t.Fatal(err)
	}
	kept := PhotoEntry{Kind: kindKept, CommandID: 2, SetAt: at, KeptPhotoID: 42, KeptDate: at.Add(-time.Hour)}
	if err := db.SetPhoto(7, "", kept); err != nil {
		t.Fatal(err)
	}
	rec, found, err := db.Photo(7)
	if err != nil || !found {
		t.Fatal(found, err)
	}
	if !rec.AddedContact || rec.Current.KeptPhotoID != 42 || !rec.Current.KeptDate.Equal(kept.KeptDate) || !rec.History[0].AddedContact {
		t.Fatalf("record %+v", rec)
	}
}

// TestSyncPhotosReturnsChanges: SyncPhotos returns the records in which
// the check found something new done outside Persona, once.
func TestSyncPhotosReturnsChanges(t *testing.T) {
	db := openTest(t)
	for id := int64(1); id <= 2; id++ {
		if err := db.SetPhoto(id, "", entry(int(id))); err != nil {
			t.Fatal(err)
		}
	}
	ours, _, _ := db.Photo(1)
	at := t0.Add(time.Hour)
	shown := map[int64]Shown{1: {PhotoID: ours.Current.PhotoID, Contact: true}, 2: {Contact: true}, 3: {PhotoID: 9}}
	changed, err := db.SyncPhotos(shown, at)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0].UserID != 2 || changed[0].Elsewhere != ElsewhereRemoved {
		t.Fatalf("changed = %+v, want user 2 removed elsewhere", changed)
	}
	if again, err := db.SyncPhotos(shown, at.Add(time.Hour)); err != nil || len(again) != 0 {
		t.Fatalf("the same seen again: %+v, %v; want nothing new", again, err)
	}
}
