package storage

import (
	"strconv"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Meta keys of the catch-up after Telegram's updates.differenceTooLong.
const (
	metaHighWater = "journal_high_water" // the highest command id ever journalled; pruning keeps it
	metaCatchUp   = "catch_up_pending"   // Telegram skipped updates: read the history back
)

func raiseHighWater(tx *bbolt.Tx, msgID int) error {
	b, err := bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if v, err := strconv.Atoi(string(b.Get([]byte(metaHighWater)))); err == nil && v >= msgID {
		return nil
	}
	return b.Put([]byte(metaHighWater), []byte(strconv.Itoa(msgID)))
}

// HighWater is the highest command id ever journalled, 0 when none: the
// point a catch-up reads the history back to.
func (db *DB) HighWater() (int, error) {
	v, found, err := db.Meta(metaHighWater)
	if err != nil || !found {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errors.Wrap(err, "high water")
	}
	return n, nil
}

// SetCatchUp records (or clears) that Telegram skipped updates and the
// history must be read back: recorded before the catch-up starts, so a
// restart in the middle does it again.
func (db *DB) SetCatchUp(pending bool) error {
	if pending {
		return db.SetMeta(metaCatchUp, "1")
	}
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return b.Delete([]byte(metaCatchUp))
	})
}

// CatchUpPending reports whether a catch-up is still to be done.
func (db *DB) CatchUpPending() (bool, error) {
	_, found, err := db.Meta(metaCatchUp)
	return found, err
}
