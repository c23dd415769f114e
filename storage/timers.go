package storage

import (
	"encoding/binary"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// Timer is a personal photo that is to be undone at At (`/setphoto for=`).
type Timer struct {
	UserID int64
	At     time.Time
}

// The timer index is keyed by the expiry time then the user id, both
// big-endian, so the first key is always the next timer to fire.
func timerKey(userID int64, at time.Time) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, uint64(at.UnixNano()))
	binary.BigEndian.PutUint64(k[8:], uint64(userID))
	return k
}

func parseTimerKey(k []byte) Timer {
	return Timer{
		At:     time.Unix(0, int64(binary.BigEndian.Uint64(k))),
		UserID: int64(binary.BigEndian.Uint64(k[8:])),
	}
}

// moveTimer keeps the index in step with a record whose current entry's
// expiry went from `from` to `to` (zero: none).
func moveTimer(tx *bbolt.Tx, userID int64, from, to time.Time) error {
	if from.Equal(to) {
		return nil
	}
	b, err := bucket(tx, bucketTimers)
	if err != nil {
		return err
	}
	if !from.IsZero() {
		if err := b.Delete(timerKey(userID, from)); err != nil {
			return errors.Wrap(err, "unindex timer")
		}
	}
	if !to.IsZero() {
		if err := b.Put(timerKey(userID, to), nil); err != nil {
			return errors.Wrap(err, "index timer")
		}
	}
	return nil
}

// NextTimer returns the timer that fires first, if any.
func (db *DB) NextTimer() (Timer, bool, error) {
	var (
		t     Timer
		found bool
	)
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketTimers)
		if err != nil {
			return err
		}
		if k, _ := b.Cursor().First(); len(k) == 16 {
			t, found = parseTimerKey(k), true
		}
		return nil
	})
	if err != nil {
		return Timer{}, false, errors.Wrap(err, "next timer")
	}
	return t, found, nil
}

// ExpirePhoto ends the timed photo that command commandID set, as /undo
// would (UndoPhoto): `restored` (the previous entry, re-uploaded) becomes
// current, or, when nil, the photo is recorded as reset at `at`; the timed
// photo is forgotten. If the current photo is no longer the one
// that command set, nothing changes, so running it twice is harmless.
func (db *DB) ExpirePhoto(userID int64, commandID int, restored *PhotoEntry, at time.Time) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, found bool) bool {
		if !found || r.Current == nil || r.Current.CommandID != commandID {
			return false
		}
		r.stepBack(restored, at)
		return true
	})
	if err != nil {
		return errors.Wrapf(err, "expire photo for %d", userID)
	}
	return nil
}

// StopTimer removes the timer from the photo command commandID set, keeping
// the photo: for when undoing it failed for good.
func (db *DB) StopTimer(userID int64, commandID int) error {
	err := db.updatePhoto(userID, func(r *PhotoRecord, found bool) bool {
		if !found || r.Current == nil || r.Current.CommandID != commandID {
			return false
		}
		r.Current.ExpiresAt = time.Time{}
		return true
	})
	if err != nil {
		return errors.Wrapf(err, "stop timer for %d", userID)
	}
	return nil
}

// DropTimer deletes an index entry whose record no longer has that timer.
func (db *DB) DropTimer(t Timer) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error { return moveTimer(tx, t.UserID, t.At, time.Time{}) })
	if err != nil {
		return errors.Wrapf(err, "drop timer for %d", t.UserID)
	}
	return nil
}
