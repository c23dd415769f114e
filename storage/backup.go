package storage

import (
	"io"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Backup writes a consistent copy of the open database to w: bbolt's
// tx.WriteTo in a read transaction, which writers do not wait for. size is
// called first with the copy's length in bytes, so a reader can tell a
// whole copy from a cut one.
func (db *DB) Backup(w io.Writer, size func(int64) error) error {
	return db.bolt.View(func(tx *bbolt.Tx) error {
		if err := size(tx.Size()); err != nil {
			return err
		}
		_, err := tx.WriteTo(w)
		return err
	})
}

// BackupFile copies the database file at path, which no process holds, to
// w. It opens the file read-only, so it never writes to it; a daemon that
// holds the file makes it fail with ErrLocked within timeout.
func BackupFile(path string, timeout time.Duration, w io.Writer, size func(int64) error) error {
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return errors.Wrapf(ErrLocked, "open %s", path)
	}
	if err != nil {
		return errors.Wrapf(err, "open %s", path)
	}
	defer func() { _ = b.Close() }()
	return (&DB{bolt: b, path: path}).Backup(w, size)
}

// Check opens the database file at path read-only and closes it: bbolt
// checks its meta pages, so a cut or damaged copy fails here.
func Check(path string) error {
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return errors.Wrapf(err, "open %s", path)
	}
	err = b.View(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketMeta) == nil {
			return errors.Errorf("%s is not a persona database", path)
		}
		return nil
	})
	return errors.Join(err, b.Close())
}
