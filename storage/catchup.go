package storage

import (
	"strconv"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Meta keys of the catch-up after Telegram's updates.differenceTooLong
// (docs/ARCHITECTURE.md, "differenceTooLong loses the updates in between"):
// the updates in between are gone, and the daemon reads Saved Messages back
// from a floor, the newest message it knows it saw.
const (
	metaHighWater   = "journal_high_water" // the highest command id ever journalled; pruning keeps it
	metaFloor       = "catch_up_floor"     // the newest Saved Messages id seen, from the first start on
	metaCatchUp     = "catch_up_pending"   // Telegram skipped updates: read the history back
	metaCatchUpFrom = "catch_up_from"      // the floor when Telegram skipped them: read back to it
)

// raiseMeta stores n under name unless a value as high is there already.
func raiseMeta(tx *bbolt.Tx, name string, n int) error {
	b, err := bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if v, err := strconv.Atoi(string(b.Get([]byte(name)))); err == nil && v >= n {
		return nil
	}
	return b.Put([]byte(name), []byte(strconv.Itoa(n)))
}

func raiseHighWater(tx *bbolt.Tx, msgID int) error {
	return raiseMeta(tx, metaHighWater, msgID)
}

// metaInt reads a number stored under name; found is false when none is.
func metaInt(tx *bbolt.Tx, name string) (n int, found bool, err error) {
	b, err := bucket(tx, bucketMeta)
	if err != nil {
		return 0, false, err
	}
	v := b.Get([]byte(name))
	if v == nil {
		return 0, false, nil
	}
	n, err = strconv.Atoi(string(v))
	if err != nil {
		return 0, false, errors.Wrapf(err, "meta %q", name)
	}
	return n, true, nil
}

// RaiseFloor records that every Saved Messages message up to msgID reached
// the daemon. Set at the first start, it is what a catch-up reads back to
// before any command was journalled.
func (db *DB) RaiseFloor(msgID int) error {
	if err := db.bolt.Update(func(tx *bbolt.Tx) error { return raiseMeta(tx, metaFloor, msgID) }); err != nil {
		return errors.Wrap(err, "raise the catch-up floor")
	}
	return nil
}

// Floor is the newest Saved Messages id the daemon has seen, or the highest
// command journalled if that is newer; found is false before the first
// start recorded one.
func (db *DB) Floor() (floor int, found bool, err error) {
	err = db.bolt.View(func(tx *bbolt.Tx) error {
		floor, found, err = floorIn(tx)
		return err
	})
	if err != nil {
		return 0, false, errors.Wrap(err, "catch-up floor")
	}
	return floor, found, nil
}

func floorIn(tx *bbolt.Tx) (int, bool, error) {
	floor, found, err := metaInt(tx, metaFloor)
	if err != nil {
		return 0, false, err
	}
	high, journalled, err := metaInt(tx, metaHighWater)
	if err != nil {
		return 0, false, err
	}
	return max(floor, high), found || journalled, nil
}

// SetCatchUp records (or clears) that Telegram skipped updates and the
// history must be read back: recorded before the catch-up starts, so a
// restart in the middle does it again. The floor is kept as it is now:
// messages that arrive before the catch-up runs raise the floor, but the
// ones Telegram skipped are below them.
func (db *DB) SetCatchUp(pending bool) error {
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if !pending {
			if err := b.Delete([]byte(metaCatchUpFrom)); err != nil {
				return err
			}
			return b.Delete([]byte(metaCatchUp))
		}
		if b.Get([]byte(metaCatchUp)) != nil {
			return nil // a catch-up still to do reads back further already
		}
		if err := b.Put([]byte(metaCatchUp), []byte("1")); err != nil {
			return err
		}
		floor, found, err := floorIn(tx)
		if err != nil || !found {
			return err
		}
		return b.Put([]byte(metaCatchUpFrom), []byte(strconv.Itoa(floor)))
	})
}

// CatchUpPending reports whether a catch-up is still to be done.
func (db *DB) CatchUpPending() (bool, error) {
	_, found, err := db.Meta(metaCatchUp)
	return found, err
}

// CatchUpFrom is the Saved Messages id the pending catch-up reads back to:
// the floor when Telegram skipped the updates (or, for a catch-up recorded
// by an older version, the floor now); found is false when there is none.
func (db *DB) CatchUpFrom() (from int, found bool, err error) {
	err = db.bolt.View(func(tx *bbolt.Tx) error {
		from, found, err = metaInt(tx, metaCatchUpFrom)
		if err != nil || found {
			return err
		}
		from, found, err = floorIn(tx)
		return err
	})
	if err != nil {
		return 0, false, errors.Wrap(err, "catch-up start")
	}
	return from, found, nil
}
