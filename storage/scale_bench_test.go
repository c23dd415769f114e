package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"go.etcd.io/bbolt"
)

// scaleRecords is the record count of an account after `/hide all` on
// 3,000 contacts (issue 26's scale).
const scaleRecords = 3000

// openScale opens a database of scaleRecords records and as many cached
// peers, written in one transaction each so the setup takes no disk sync
// per record.
func openScale(b *testing.B) *DB {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "persona.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	peers := make([]Peer, 0, scaleRecords)
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		for i := range scaleRecords {
			u := int64(1_000_000 + i)
			peers = append(peers, Peer{ID: u, AccessHash: u * 7, Username: fmt.Sprintf("user%d", u), Phone: fmt.Sprintf("99%d", u)})
			e := entry(i)
			e.Kind = kindHidden
			err := updatePhotoTx(tx, u, func(r *PhotoRecord, _ bool) bool {
				r.Label, r.Current = fmt.Sprintf("@user%d", u), &e
				return true
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.SavePeers(peers); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkCountPhotos3000 is what /status reads of the records: the
// kept count, not a scan of every record.
func BenchmarkCountPhotos3000(b *testing.B) {
	db := openScale(b)
	for b.Loop() {
		if n, err := db.CountPhotos(); err != nil || n != scaleRecords {
			b.Fatalf("CountPhotos = %d, %v", n, err)
		}
	}
}

// BenchmarkListRecords3000 is what /list reads of the records: every
// record, which it lists, and those changed elsewhere.
func BenchmarkListRecords3000(b *testing.B) {
	db := openScale(b)
	for b.Loop() {
		recs, err := db.Photos()
		if err != nil || len(recs) != scaleRecords {
			b.Fatalf("Photos = %d, %v", len(recs), err)
		}
		if _, err := db.ChangedElsewhere(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPeerLookups3000 is a command's target resolved from the peer
// cache of 3,000 contacts: by username and by phone, through the indexes.
func BenchmarkPeerLookups3000(b *testing.B) {
	db := openScale(b)
	for b.Loop() {
		if _, found, err := db.PeerByUsername("user1001500"); err != nil || !found {
			b.Fatalf("by username: %v %v", found, err)
		}
		if _, found, err := db.PeerByPhone("+991001500"); err != nil || !found {
			b.Fatalf("by phone: %v %v", found, err)
		}
	}
}
