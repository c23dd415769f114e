package storage

import (
	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Meta returns a small string value, such as the schema version or the id
// of the logged-in user, that belongs to no other bucket.
func (db *DB) Meta(name string) (string, bool, error) {
	var (
		value string
		found bool
	)
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if v := b.Get([]byte(name)); v != nil {
			value, found = string(v), true
		}
		return nil
	})
	if err != nil {
		return "", false, errors.Wrapf(err, "meta %q", name)
	}
	return value, found, nil
}

// SetMeta stores a small string value under name.
func (db *DB) SetMeta(name, value string) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return b.Put([]byte(name), []byte(value))
	})
	if err != nil {
		return errors.Wrapf(err, "set meta %q", name)
	}
	return nil
}

// DeleteMeta removes the value under name, if there is one.
func (db *DB) DeleteMeta(name string) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return b.Delete([]byte(name))
	})
	if err != nil {
		return errors.Wrapf(err, "delete meta %q", name)
	}
	return nil
}
