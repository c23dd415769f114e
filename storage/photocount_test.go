package storage

import (
	"testing"

	"go.etcd.io/bbolt"
)

// TestPhotoCountKept: the count /status reads follows every change of a
// record (set, reset, undo, a sync that finds a photo removed elsewhere),
// and a database from before the count is counted once.
func TestPhotoCountKept(t *testing.T) {
	db := openTest(t)
	wantCount := func(step string, want int) {
		t.Helper()
		n, err := db.CountPhotos()
		if err != nil || n != want {
			t.Fatalf("%s: CountPhotos = %d, %v; want %d", step, n, err, want)
		}
		scanned := 0
		err = db.bolt.View(func(tx *bbolt.Tx) (err error) { scanned, err = countCurrent(tx); return err })
		if err != nil || scanned != n {
			t.Fatalf("%s: kept %d, the records say %d (%v)", step, n, scanned, err)
		}
	}
	for u := int64(1); u <= 4; u++ {
		if err := db.SetPhoto(u, "", entry(int(u))); err != nil {
			t.Fatal(err)
		}
	}
	wantCount("four set", 4)
	must(t, db.SetPhoto(1, "", entry(9)))
	wantCount("one set again", 4)
	must(t, db.ResetPhoto(2, t0))
	wantCount("one reset", 3)
	must(t, db.ResetPhoto(2, t0))
	wantCount("reset again", 3)
	must(t, db.UndoPhoto(2, ptr(entry(2)), t0))
	wantCount("reset undone", 4)
	_, err := db.SyncPhotos(map[int64]Shown{3: {Contact: true}}, t0)
	must(t, err)
	wantCount("removed elsewhere", 3)

	// A database written before the count was kept.
	must(t, db.bolt.Update(func(tx *bbolt.Tx) error { return tx.Bucket(bucketMeta).Delete([]byte(metaPhotoCount)) }))
	wantCount("no count kept", 3)
	must(t, db.SetPhoto(5, "", entry(5)))
	wantCount("counted at the first change", 4)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
