package storage

import (
	"strconv"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// The number of records with a current photo is kept in the meta bucket,
// changed in the transaction that changes a record, so /status answers
// without decoding every record (thousands after /hide all). A database
// written before the count existed is counted once, at its first change.

// metaPhotoCount holds how many records have a current photo.
const metaPhotoCount = "photos_current"

// CountPhotos returns how many contacts have a current photo.
func (db *DB) CountPhotos() (int, error) {
	n := 0
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		n, err = photoCountTx(tx)
		return err
	})
	if err != nil {
		return 0, errors.Wrap(err, "count photos")
	}
	return n, nil
}

// photoCountTx reads the kept count, or counts the records when none is
// kept yet.
func photoCountTx(tx *bbolt.Tx) (int, error) {
	meta, err := bucket(tx, bucketMeta)
	if err != nil {
		return 0, err
	}
	if v := meta.Get([]byte(metaPhotoCount)); v != nil {
		n, err := strconv.Atoi(string(v))
		if err == nil {
			return n, nil
		}
		// A damaged count is counted again; the next change stores it.
	}
	return countCurrent(tx)
}

// countCurrent counts the records with a current photo, one by one.
func countCurrent(tx *bbolt.Tx) (int, error) {
	n := 0
	err := eachPhotoTx(tx, func(r PhotoRecord) {
		if r.Current != nil {
			n++
		}
	})
	return n, err
}

// changePhotoCount adds delta to the kept count, within the transaction
// that changes a record, before that record is stored.
func changePhotoCount(tx *bbolt.Tx, delta int) error {
	meta, err := bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if delta == 0 && meta.Get([]byte(metaPhotoCount)) != nil {
		return nil
	}
	n, err := photoCountTx(tx)
	if err != nil {
		return err
	}
	return meta.Put([]byte(metaPhotoCount), []byte(strconv.Itoa(max(n+delta, 0))))
}
