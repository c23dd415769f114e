package storage

import (
	"slices"
	"strings"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Peer is a cached Telegram user. The access hash is what lets us address a
// user without contacts.resolveUsername, which Telegram rate-limits hard.
type Peer struct {
	ID         int64     `json:"id"`
	AccessHash int64     `json:"access_hash"`
	Username   string    `json:"username,omitempty"`  // without @, as Telegram spells it
	Usernames  []string  `json:"usernames,omitempty"` // further active usernames (collectible, extra)
	Phone      string    `json:"phone,omitempty"`     // digits only, no +
	FirstName  string    `json:"first_name,omitempty"`
	LastName   string    `json:"last_name,omitempty"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
	Bot        bool      `json:"bot,omitempty"`
	Deleted    bool      `json:"deleted,omitempty"` // a deleted account
}

// allUsernames is every active username of the peer, each a way to find it.
func (p Peer) allUsernames() []string {
	if p.Username == "" {
		return p.Usernames
	}
	return append([]string{p.Username}, p.Usernames...)
}

// HasUsername reports whether name (with or without @, any case) is one of
// the peer's usernames.
func (p Peer) HasUsername(name string) bool {
	k := usernameKey(name)
	for _, u := range p.allUsernames() {
		if usernameKey(u) == k {
			return true
		}
	}
	return false
}

// usernameKey is the index key: Telegram usernames are case-insensitive.
func usernameKey(username string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(username), "@"))
}

// digits keeps only ASCII digits, so "+1 (555) 010-0000" finds "15550100000".
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// peerBuckets are the record bucket and its two indexes.
type peerBuckets struct{ byID, byUsername, byPhone *bbolt.Bucket }

func openPeerBuckets(tx *bbolt.Tx) (peerBuckets, error) {
	var pb peerBuckets
	var err error
	if pb.byID, err = bucket(tx, bucketPeers, subPeersByID); err != nil {
		return pb, err
	}
	if pb.byUsername, err = bucket(tx, bucketPeers, subPeersUsername); err != nil {
		return pb, err
	}
	pb.byPhone, err = bucket(tx, bucketPeers, subPeersPhone)
	return pb, err
}

// SavePeer upserts p by ID and keeps the username and phone indexes in step,
// dropping entries for a username or phone the peer no longer has. A zero
// UpdatedAt is set to now.
func (db *DB) SavePeer(p Peer) error { return db.SavePeers([]Peer{p}) }

// SavePeers is SavePeer for many peers in one transaction: a contact list
// of thousands is one write to disk, not thousands.
func (db *DB) SavePeers(ps []Peer) error {
	normal := make([]Peer, len(ps))
	for i, p := range ps {
		if p.ID == 0 {
			return errors.New("save peer: zero id")
		}
		normal[i] = normalPeer(p)
	}
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		for _, p := range normal {
			if err := pb.save(p); err != nil {
				return errors.Wrapf(err, "save peer %d", p.ID)
			}
		}
		return nil
	})
	if err != nil {
		return errors.Wrap(err, "save peers")
	}
	return nil
}

// normalPeer trims the @ off usernames, keeps the phone's digits and dates
// an undated peer now.
func normalPeer(p Peer) Peer {
	p.Username = strings.TrimPrefix(strings.TrimSpace(p.Username), "@")
	p.Usernames = slices.Clone(p.Usernames)
	for i, u := range p.Usernames {
		p.Usernames[i] = strings.TrimPrefix(strings.TrimSpace(u), "@")
	}
	p.Phone = digits(p.Phone)
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = time.Now()
	}
	return p
}

// save upserts one peer and re-indexes it.
func (pb peerBuckets) save(p Peer) error {
	var old Peer
	found, err := getJSON(pb.byID, key(p.ID), &old)
	if err != nil {
		return err
	}
	if found {
		if err := pb.unindex(old, p); err != nil {
			return err
		}
	}
	if err := putJSON(pb.byID, key(p.ID), p); err != nil {
		return err
	}
	return pb.index(p)
}

// index points the peer's username and phone at its id. A username taken
// over from another peer simply moves: the newest owner wins.
func (pb peerBuckets) index(p Peer) error {
	for _, name := range p.allUsernames() {
		if u := usernameKey(name); u != "" {
			if err := pb.byUsername.Put([]byte(u), key(p.ID)); err != nil {
				return errors.Wrap(err, "index username")
			}
		}
	}
	if p.Phone != "" {
		if err := pb.byPhone.Put([]byte(p.Phone), key(p.ID)); err != nil {
			return errors.Wrap(err, "index phone")
		}
	}
	return nil
}

// unindex drops old's index entries that next no longer has (pass a zero
// Peer as next to drop all of them). Entries already moved to another peer
// are left alone.
func (pb peerBuckets) unindex(old, next Peer) error {
	for _, name := range old.allUsernames() {
		if u := usernameKey(name); u != "" && !next.HasUsername(name) {
			if err := deleteIfOwner(pb.byUsername, []byte(u), old.ID); err != nil {
				return errors.Wrap(err, "unindex username")
			}
		}
	}
	if old.Phone != "" && old.Phone != next.Phone {
		if err := deleteIfOwner(pb.byPhone, []byte(old.Phone), old.ID); err != nil {
			return errors.Wrap(err, "unindex phone")
		}
	}
	return nil
}

func deleteIfOwner(b *bbolt.Bucket, k []byte, id int64) error {
	if v := b.Get(k); v != nil && keyID(v) == id {
		return b.Delete(k)
	}
	return nil
}

// PeerByID returns the cached peer with that id.
func (db *DB) PeerByID(id int64) (Peer, bool, error) {
	var p Peer
	var found bool
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		found, err = getJSON(pb.byID, key(id), &p)
		return err
	})
	if err != nil {
		return Peer{}, false, errors.Wrapf(err, "peer %d", id)
	}
	return p, found, nil
}

// PeerByUsername looks a peer up case-insensitively; a leading @ is tolerated.
func (db *DB) PeerByUsername(username string) (Peer, bool, error) {
	u := usernameKey(username)
	p, found, err := db.peerByIndex(subPeersUsername, u, func(p Peer) bool { return p.HasUsername(u) })
	if err != nil {
		return Peer{}, false, errors.Wrapf(err, "peer @%s", u)
	}
	return p, found, nil
}

// PeerByPhone looks a peer up by phone; any non-digits are stripped first.
func (db *DB) PeerByPhone(phone string) (Peer, bool, error) {
	ph := digits(phone)
	p, found, err := db.peerByIndex(subPeersPhone, ph, func(p Peer) bool {
		return p.Phone == ph
	})
	if err != nil {
		return Peer{}, false, errors.Wrapf(err, "peer +%s", ph)
	}
	return p, found, nil
}

// peerByIndex follows an index entry to its record. The record is checked
// with match so that an index entry that went stale reads as "not found"
// rather than as the wrong person.
func (db *DB) peerByIndex(index []byte, k string, match func(Peer) bool) (Peer, bool, error) {
	if k == "" {
		return Peer{}, false, nil
	}
	var p Peer
	var found bool
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		idx, err := bucket(tx, bucketPeers, index)
		if err != nil {
			return err
		}
		id := idx.Get([]byte(k))
		if id == nil {
			return nil
		}
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		found, err = getJSON(pb.byID, id, &p)
		return err
	})
	if err != nil || !found || !match(p) {
		return Peer{}, false, err
	}
	return p, true, nil
}

// ForgetPeer drops the peer and its index entries, used when Telegram says
// the access hash is invalid so the next lookup resolves it afresh.
func (db *DB) ForgetPeer(id int64) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		var old Peer
		found, err := getJSON(pb.byID, key(id), &old)
		if err != nil || !found {
			return err
		}
		if err := pb.unindex(old, Peer{}); err != nil {
			return err
		}
		return pb.byID.Delete(key(id))
	})
	if err != nil {
		return errors.Wrapf(err, "forget peer %d", id)
	}
	return nil
}

// ForgetUsername drops the index entry of a username Telegram says is no
// longer the cached peer's: it passed to someone else or to no one.
func (db *DB) ForgetUsername(username string) error {
	u := usernameKey(username)
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		pb, err := openPeerBuckets(tx)
		if err != nil {
			return err
		}
		return pb.byUsername.Delete([]byte(u))
	})
	if err != nil {
		return errors.Wrapf(err, "forget @%s", u)
	}
	return nil
}
