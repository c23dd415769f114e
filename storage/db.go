// Package storage is Persona's one bbolt file: the gotd session and update
// state (through gotd/contrib), our peer cache, photo records, the command
// journal and a small meta bucket.
//
// Our data lives only in our own named buckets. contrib's state storage
// creates top-level buckets named by user ids, so nothing here ever iterates
// the top level.
package storage

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SessionBucket is the bucket name to pass to contrib's
// bbolt.NewSessionStorage(db.Bolt(), "session", []byte(SessionBucket)).
const SessionBucket = "persona.session"

// Our top-level buckets and the sub-buckets that hold records and indexes.
var (
	bucketSession = []byte(SessionBucket)
	bucketPeers   = []byte("persona.peers")
	bucketPhotos  = []byte("persona.photos")
	bucketJournal = []byte("persona.journal")
	bucketMeta    = []byte("persona.meta")
	bucketTimers  = []byte("persona.timers")
	bucketWatches = []byte("persona.watches")
	bucketNotices = []byte("persona.notices")
	bucketBulk    = []byte("persona.bulk")

	subPeersByID     = []byte("by_id")
	subPeersUsername = []byte("by_username")
	subPeersPhone    = []byte("by_phone")
	subJournalEntry  = []byte("entries")
	subJournalReply  = []byte("replies")
	subBulkJobs      = []byte("jobs")
)

// layout lists every bucket Open creates. contrib's session storage fails
// with `bucket "..." does not exist` instead of "not found" on a fresh file,
// so all of them are made up front in one transaction.
var layout = []struct {
	name []byte
	subs [][]byte
}{
	{name: bucketSession},
	{name: bucketPeers, subs: [][]byte{subPeersByID, subPeersUsername, subPeersPhone}},
	{name: bucketPhotos},
	{name: bucketJournal, subs: [][]byte{subJournalEntry, subJournalReply}},
	{name: bucketMeta},
	{name: bucketTimers},
	{name: bucketWatches},
	{name: bucketNotices},
	{name: bucketBulk, subs: [][]byte{subBulkJobs}},
}

// ErrLocked is returned (wrapped, errors.Is-able) when another process holds
// the file lock past the timeout.
var ErrLocked = errors.New("database is in use by another persona process")

// Options for Open. Timeout defaults to 1 second.
type Options struct {
	// Timeout bounds the wait for the file lock; without it bbolt blocks
	// forever while another daemon runs.
	Timeout time.Duration
}

func (o *Options) setDefaults() {
	if o.Timeout <= 0 {
		o.Timeout = time.Second
	}
}

// DB is the opened Persona database. It is safe for concurrent use.
type DB struct {
	bolt *bbolt.DB
	path string
}

// Open opens or creates the bbolt file at path with mode 0600, creating its
// parent folder with 0700 if missing. The file holds the Telegram session, so
// looser permissions on an existing file are tightened.
func Open(path string, opts Options) (*DB, error) {
	opts.setDefaults()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, errors.Wrapf(err, "create folder for %s", path)
	}
	if err := tightenMode(path); err != nil {
		return nil, err
	}
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: opts.Timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, errors.Wrapf(ErrLocked, "open %s", path)
	}
	if err != nil {
		return nil, errors.Wrapf(err, "open %s", path)
	}
	if err := b.Update(createBuckets); err != nil {
		_ = b.Close()
		return nil, errors.Wrapf(err, "create buckets in %s", path)
	}
	return &DB{bolt: b, path: path}, nil
}

// tightenMode chmods an existing file to 0600 if group or others may access it.
func tightenMode(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errors.Wrapf(err, "stat %s", path)
	}
	if fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return errors.Wrapf(err, "chmod %s", path)
	}
	return nil
}

func createBuckets(tx *bbolt.Tx) error {
	for _, l := range layout {
		b, err := tx.CreateBucketIfNotExists(l.name)
		if err != nil {
			return errors.Wrapf(err, "bucket %s", l.name)
		}
		for _, sub := range l.subs {
			if _, err := b.CreateBucketIfNotExists(sub); err != nil {
				return errors.Wrapf(err, "bucket %s/%s", l.name, sub)
			}
		}
	}
	return nil
}

// Close releases the file and its lock.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return errors.Wrapf(err, "close %s", db.path)
	}
	return nil
}

// Bolt exposes the handle for gotd/contrib's session and state storage,
// which must share our file (and its lock) rather than open a second one.
func (db *DB) Bolt() *bbolt.DB { return db.bolt }

// Path is the file the database was opened from.
func (db *DB) Path() string { return db.path }

// bucket returns a top-level bucket, or a sub-bucket of it when sub is given.
// Open created them all, so a nil here means a damaged file.
func bucket(tx *bbolt.Tx, name []byte, sub ...[]byte) (*bbolt.Bucket, error) {
	b := tx.Bucket(name)
	for _, s := range sub {
		if b == nil {
			break
		}
		b = b.Bucket(s)
	}
	if b == nil {
		return nil, errors.Errorf("bucket %s %s missing", name, sub)
	}
	return b, nil
}

// key is a big-endian id, so cursor order is id order.
func key(id int64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, uint64(id))
	return k
}

func keyID(k []byte) int64 { return int64(binary.BigEndian.Uint64(k)) }

// getJSON decodes the value at k into v; it reports false if there is none.
func getJSON(b *bbolt.Bucket, k []byte, v any) (bool, error) {
	data := b.Get(k)
	if data == nil {
		return false, nil
	}
	return true, decode(data, v)
}

func decode(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return errors.Wrap(err, "decode")
	}
	return nil
}

func putJSON(b *bbolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return errors.Wrap(err, "encode")
	}
	return b.Put(k, data)
}

// ClearSession forgets the stored Telegram session (after a logout): the
// session bucket holds nothing else. Records and the journal stay.
func (db *DB) ClearSession() error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketSession); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return err
		}
		_, err := tx.CreateBucket(bucketSession)
		return err
	})
	if err != nil {
		return errors.Wrap(err, "clear session")
	}
	return nil
}
