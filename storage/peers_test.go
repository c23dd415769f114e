package storage

import (
	"reflect"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// What handlers and the gotd peers adapter need, checked at compile time.
var _ interface {
	SavePeer(Peer) error
	PeerByID(int64) (Peer, bool, error)
	PeerByUsername(string) (Peer, bool, error)
	PeerByPhone(string) (Peer, bool, error)
	ForgetPeer(int64) error
} = (*DB)(nil)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func TestPeerLookups(t *testing.T) {
	db := openTest(t)
	alice := Peer{ID: 1, AccessHash: 11, Username: "@Alice", Phone: "+1 (555) 010-0000", FirstName: "Alice", UpdatedAt: t0}
	if err := db.SavePeer(alice); err != nil {
		t.Fatal(err)
	}
	stored := alice
	stored.Username, stored.Phone = "Alice", "15550100000"

	tests := []struct {
		name   string
		lookup func() (Peer, bool, error)
		want   bool
	}{
		{"by id", func() (Peer, bool, error) { return db.PeerByID(1) }, true},
		{"by unknown id", func() (Peer, bool, error) { return db.PeerByID(2) }, false},
		{"by username", func() (Peer, bool, error) { return db.PeerByUsername("Alice") }, true},
		{"by username other case", func() (Peer, bool, error) { return db.PeerByUsername("aLiCe") }, true},
		{"by @username", func() (Peer, bool, error) { return db.PeerByUsername("@alice") }, true},
		{"by unknown username", func() (Peer, bool, error) { return db.PeerByUsername("bob") }, false},
		{"by empty username", func() (Peer, bool, error) { return db.PeerByUsername("@") }, false},
		{"by phone digits", func() (Peer, bool, error) { return db.PeerByPhone("15550100000") }, true},
		{"by formatted phone", func() (Peer, bool, error) { return db.PeerByPhone("+1 555-010-0000") }, true},
		{"by unknown phone", func() (Peer, bool, error) { return db.PeerByPhone("+1 555") }, false},
		{"by empty phone", func() (Peer, bool, error) { return db.PeerByPhone("n/a") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := tt.lookup()
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.want {
				t.Fatalf("found = %v, want %v", found, tt.want)
			}
			if found && !reflect.DeepEqual(got, stored) {
				t.Errorf("got %+v, want %+v", got, stored)
			}
		})
	}
}

func TestSavePeerMaintainsIndexes(t *testing.T) {
	db := openTest(t)
	save := func(p Peer) {
		t.Helper()
		if err := db.SavePeer(p); err != nil {
			t.Fatal(err)
		}
	}
	save(Peer{ID: 1, AccessHash: 11, Username: "alice", Phone: "100"})
	save(Peer{ID: 1, AccessHash: 12, Username: "alice_new", Phone: "101"}) // renamed, new number
	save(Peer{ID: 2, AccessHash: 21, Username: "bob", Phone: "200"})
	save(Peer{ID: 2, AccessHash: 21, Username: "alice", Phone: "200"}) // bob takes the freed name
	save(Peer{ID: 3, AccessHash: 31, Username: "carol", Phone: "300"})
	save(Peer{ID: 4, AccessHash: 41, Username: "carol"}) // username moves to 4
	save(Peer{ID: 3, AccessHash: 31, Phone: "300"})      // 3 drops it: 4 keeps the index

	tests := []struct {
		key    string
		phone  bool
		wantID int64 // 0: not found
	}{
		{key: "alice_new", wantID: 1},
		{key: "alice", wantID: 2},
		{key: "bob", wantID: 0},
		{key: "carol", wantID: 4},
		{key: "100", phone: true, wantID: 0},
		{key: "101", phone: true, wantID: 1},
		{key: "200", phone: true, wantID: 2},
		{key: "300", phone: true, wantID: 3},
	}
	check := func(t *testing.T, db *DB) {
		for _, tt := range tests {
			lookup := db.PeerByUsername
			if tt.phone {
				lookup = db.PeerByPhone
			}
			p, found, err := lookup(tt.key)
			if err != nil {
				t.Fatal(err)
			}
			var gotID int64
			if found {
				gotID = p.ID
			}
			if gotID != tt.wantID {
				t.Errorf("lookup %q = id %d, want %d", tt.key, gotID, tt.wantID)
			}
		}
		if p, _, _ := db.PeerByID(1); p.AccessHash != 12 {
			t.Errorf("peer 1 access hash = %d, want 12", p.AccessHash)
		}
	}
	check(t, db)
	t.Run("after reopen", func(t *testing.T) { check(t, reopen(t, db)) })
}

func TestForgetPeer(t *testing.T) {
	db := openTest(t)
	for _, p := range []Peer{
		{ID: 1, AccessHash: 11, Username: "alice", Phone: "100"},
		{ID: 2, AccessHash: 21, Username: "bob", Phone: "200"},
	} {
		if err := db.SavePeer(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.ForgetPeer(1); err != nil {
		t.Fatal(err)
	}
	if err := db.ForgetPeer(99); err != nil {
		t.Errorf("forget unknown peer: %v", err)
	}
	if _, found, _ := db.PeerByID(1); found {
		t.Error("peer 1 still cached")
	}
	err := db.Bolt().View(func(tx *bbolt.Tx) error {
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		if pb.byUsername.Get([]byte("alice")) != nil || pb.byPhone.Get([]byte("100")) != nil {
			t.Error("index entries of peer 1 left behind")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, found, _ := db.PeerByUsername("bob"); !found || p.ID != 2 {
		t.Errorf("peer 2 lost: %+v, %v", p, found)
	}
}

func TestSavePeerDefaults(t *testing.T) {
	db := openTest(t)
	if err := db.SavePeer(Peer{Username: "nobody"}); err == nil {
		t.Error("zero id accepted")
	}
	before := time.Now()
	if err := db.SavePeer(Peer{ID: 5}); err != nil {
		t.Fatal(err)
	}
	p, _, err := db.PeerByID(5)
	if err != nil {
		t.Fatal(err)
	}
	if p.UpdatedAt.Before(before.Add(-time.Second)) {
		t.Errorf("UpdatedAt = %v, want about now", p.UpdatedAt)
	}
}

// TestPeerUsernamesList: a user with an empty username and a usernames list
// (collectible, extra) is found by each of them; a name that leaves the list
// no longer finds it, and one that passes to another peer finds the new one.
func TestPeerUsernamesList(t *testing.T) {
	db := openTest(t)
	carol := Peer{ID: 7, AccessHash: 1, Usernames: []string{"carol_nft", "@Carol_Extra"}}
	if err := db.SavePeer(carol); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"carol_nft", "carol_extra", "@CAROL_NFT"} {
		if p, found, err := db.PeerByUsername(name); err != nil || !found || p.ID != 7 {
			t.Errorf("PeerByUsername(%q) = %+v, %v, %v; want carol", name, p, found, err)
		}
	}
	carol.Usernames = []string{"carol_nft"}
	if err := db.SavePeer(carol); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := db.PeerByUsername("carol_extra"); found {
		t.Error("a username carol gave up still finds her")
	}
	if err := db.SavePeer(Peer{ID: 8, AccessHash: 2, Username: "carol_nft"}); err != nil {
		t.Fatal(err)
	}
	if p, _, _ := db.PeerByUsername("carol_nft"); p.ID != 8 {
		t.Errorf("a username sold to peer 8 finds %d", p.ID)
	}
	if err := db.ForgetUsername("carol_nft"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := db.PeerByUsername("carol_nft"); found {
		t.Error("a forgotten username still finds a peer")
	}
}

// TestSavePeers: a batch saves every peer and indexes each, and a username
// that moved from one peer to another within the batch finds the later.
func TestSavePeers(t *testing.T) {
	db := openTest(t)
	err := db.SavePeers([]Peer{
		{ID: 1, AccessHash: 11, Username: "@old_owner", Phone: "+1 555 0001"},
		{ID: 2, AccessHash: 22, Usernames: []string{"second"}},
		{ID: 3, AccessHash: 33, Username: "old_owner"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok, err := db.PeerByPhone("15550001"); err != nil || !ok || p.ID != 1 {
		t.Fatalf("by phone: %+v %v %v", p, ok, err)
	}
	if p, ok, err := db.PeerByUsername("second"); err != nil || !ok || p.ID != 2 {
		t.Fatalf("by extra username: %+v %v %v", p, ok, err)
	}
	if p, ok, err := db.PeerByUsername("old_owner"); err != nil || !ok || p.ID != 3 {
		t.Fatalf("a username taken over in the batch: %+v %v %v", p, ok, err)
	}
	if err := db.SavePeers([]Peer{{ID: 4}, {ID: 0}}); err == nil {
		t.Fatal("a batch with a zero id saved")
	}
	if _, ok, _ := db.PeerByID(4); ok {
		t.Fatal("a refused batch saved part of itself")
	}
}
