package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-faster/errors"
	"go.etcd.io/bbolt"
)

// What the session package needs from us, checked at compile time.
var _ interface {
	Bolt() *bbolt.DB
	Path() string
	Close() error
} = (*DB)(nil)

// openTest opens a fresh database in a temp folder and closes it after the test.
func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "persona.db"), Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// reopen closes db and opens its file again, to check what persisted.
func reopen(t *testing.T, db *DB) *DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	next, err := Open(db.Path(), Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = next.Close() })
	return next
}

func TestOpenPermissions(t *testing.T) {
	tests := []struct {
		name     string
		existing os.FileMode // 0: no file before Open
	}{
		{name: "new file in new folder"},
		{name: "existing file too open", existing: 0o644},
		{name: "existing file already private", existing: 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "state", "persona")
			path := filepath.Join(dir, "persona.db")
			if tt.existing != 0 {
				if err := os.MkdirAll(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				seed, err := Open(path, Options{})
				if err != nil {
					t.Fatal(err)
				}
				_ = seed.Close()
				if err := os.Chmod(path, tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			db, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer db.Close()
			assertMode(t, path, 0o600)
			assertMode(t, dir, 0o700)
			if db.Path() != path {
				t.Errorf("Path() = %q, want %q", db.Path(), path)
			}
		})
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s mode = %o, want %o", path, got, want)
	}
}

func TestOpenLocked(t *testing.T) {
	first := openTest(t)
	// That it gives up at all shows the timeout is used: without one,
	// bbolt waits for the lock for ever.
	second, err := Open(first.Path(), Options{Timeout: 100 * time.Millisecond})
	if err == nil {
		_ = second.Close()
		t.Fatal("second open succeeded while the first holds the lock")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), first.Path()) {
		t.Errorf("err %q does not name the path", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	third, err := Open(first.Path(), Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	_ = third.Close()
}

func TestOptionsDefaults(t *testing.T) {
	tests := []struct {
		in, want time.Duration
	}{
		{0, time.Second},
		{-1, time.Second},
		{100 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		o := Options{Timeout: tt.in}
		o.setDefaults()
		if o.Timeout != tt.want {
			t.Errorf("Timeout %v defaults to %v, want %v", tt.in, o.Timeout, tt.want)
		}
	}
}

func TestOpenCreatesBuckets(t *testing.T) {
	db := openTest(t)
	err := db.Bolt().View(func(tx *bbolt.Tx) error {
		for _, l := range layout {
			if _, err := bucket(tx, l.name); err != nil {
				return err
			}
			for _, sub := range l.subs {
				if _, err := bucket(tx, l.name, sub); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{SessionBucket, "persona.peers", "persona.photos", "persona.journal", "persona.meta"} {
		found := false
		for _, l := range layout {
			found = found || string(l.name) == name
		}
		if !found {
			t.Errorf("bucket %s not in layout", name)
		}
	}
}

// docs/ARCHITECTURE.md, "Buckets are made up front": contrib's session
// storage reads SessionBucket and fails if it is
// missing; its state storage adds top-level buckets named by 16-byte user ids.
// Both must coexist with our buckets and survive a reopen. (contrib itself is
// not imported: go.sum does not yet hold its dependencies.)
func TestContribLayoutSharesTheFile(t *testing.T) {
	db := openTest(t)
	stateBucket := make([]byte, 16) // contrib's i642b(userID)
	stateBucket[0] = 42
	err := db.Bolt().Update(func(tx *bbolt.Tx) error {
		s := tx.Bucket([]byte(SessionBucket))
		if s == nil {
			return errors.New("session bucket missing on a fresh file")
		}
		if err := s.Put([]byte("session"), []byte(`{"Version":1}`)); err != nil {
			return err
		}
		user, err := tx.CreateBucketIfNotExists(stateBucket)
		if err != nil {
			return err
		}
		_, err = user.CreateBucketIfNotExists([]byte("state"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta("self", "42"); err != nil {
		t.Fatal(err)
	}

	db = reopen(t, db)
	err = db.Bolt().View(func(tx *bbolt.Tx) error {
		if got := tx.Bucket([]byte(SessionBucket)).Get([]byte("session")); string(got) != `{"Version":1}` {
			return errors.Errorf("session after reopen = %q", got)
		}
		if tx.Bucket(stateBucket) == nil {
			return errors.New("state bucket lost")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, err := db.Meta("self"); err != nil || !ok || v != "42" {
		t.Errorf("meta after reopen = %q, %v, %v", v, ok, err)
	}
}
