package storage

import (
	"encoding/json"
	"fmt"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// metaOwner names the account whose journal, records and timers the file
// holds.
const metaOwner = "owner"

// Owner is the account a database belongs to.
type Owner struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// OtherAccountError is ClaimOwner's answer when the file already belongs to
// another account: its records and its journal of message ids mean nothing
// for this one (message ids are per account), so it must not be mixed in.
type OtherAccountError struct {
	Path        string
	Owner, Self Owner
	AtLogin     bool // found by login, which stored nothing
}

func (e *OtherAccountError) Error() string {
	if e.AtLogin {
		return fmt.Sprintf("%s holds the records of %s (id %d), but this login signed in as %s (id %d); "+
			"nothing was stored and the database is as it was. To use %s, give it a database of its own: "+
			"\"persona login -new-database\" moves this one aside under a dated name, "+
			"or -config with a config whose storage.path is another file; or log in as %s",
			e.Path, e.Owner.Name, e.Owner.ID, e.Self.Name, e.Self.ID, e.Self.Name, e.Owner.Name)
	}
	return fmt.Sprintf("%s holds the records of %s (id %d), but the session is logged in as %s (id %d); "+
		"each account needs a database of its own: set storage.path to a new file and log in there, "+
		"or log in again as %s", e.Path, e.Owner.Name, e.Owner.ID, e.Self.Name, e.Self.ID, e.Owner.Name)
}

// StoredOwner is the account the file belongs to; false before its first
// run.
func (db *DB) StoredOwner() (Owner, bool, error) {
	var o Owner
	found := false
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(metaOwner))
		if v == nil {
			return nil
		}
		found = true
		if err := json.Unmarshal(v, &o); err != nil {
			return errors.Wrap(err, "decode owner")
		}
		return nil
	})
	return o, found, err
}

// ClaimOwner binds the file to the account self on its first run, and
// answers *OtherAccountError when it belongs to another one. A file from
// before owners were recorded is taken to be self's.
func (db *DB) ClaimOwner(self Owner) error {
	var other *OtherAccountError
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if v := b.Get([]byte(metaOwner)); v != nil {
			var o Owner
			if err := json.Unmarshal(v, &o); err != nil {
				return errors.Wrap(err, "decode owner")
			}
			if o.ID != self.ID {
				other = &OtherAccountError{Path: db.path, Owner: o, Self: self}
				return nil
			}
		}
		v, err := json.Marshal(self)
		if err != nil {
			return err
		}
		return b.Put([]byte(metaOwner), v)
	})
	if err != nil {
		return errors.Wrap(err, "claim owner")
	}
	if other != nil {
		return other
	}
	return nil
}

// ForgetJournal drops every journal entry and the index of our replies.
// It is for a server that started over (its message ids begin again at 1):
// the old ids would otherwise make new commands look already answered.
func (db *DB) ForgetJournal() error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketJournal)
		if err != nil {
			return err
		}
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		for _, mark := range []string{metaHighWater, metaFloor, metaCatchUpFrom} {
			if err := meta.Delete([]byte(mark)); err != nil {
				return errors.Wrapf(err, "forget %s", mark)
			}
		}
		for _, sub := range [][]byte{subJournalEntry, subJournalReply} {
			if err := b.DeleteBucket(sub); err != nil {
				return err
			}
			if _, err := b.CreateBucket(sub); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errors.Wrap(err, "forget journal")
	}
	return nil
}
