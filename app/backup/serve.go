// Package backup is `persona backup FILE`: a consistent copy of the
// database, also while `persona run` holds it.
//
// bbolt locks the file for the one process that opened it for writing
// (flock, exclusive), and a read-only open needs a shared lock, so a second
// process cannot read the file while the daemon runs; copying its bytes
// without the lock could mix pages of two commits. So the running daemon
// makes the copy itself: it listens on a unix socket beside the database,
// and for each connection writes its length and then bbolt's tx.WriteTo of
// a read transaction, which writers do not wait for. When no daemon runs,
// backup opens the file read-only and does the same.
package backup

import (
	"encoding/binary"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/storage"
)

// SocketPath is where the daemon that holds the database at dbPath serves
// copies of it.
func SocketPath(dbPath string) string {
	return dbPath + ".backup.sock"
}

// Serve answers backup requests for db until stop is called; stop waits for
// copies under way. A socket it cannot make (a path too long for a unix
// socket) is logged: the daemon runs on, and backup says what to do.
func Serve(db *storage.DB, lg *zap.Logger) (stop func()) {
	path := SocketPath(db.Path())
	l, err := listen(path)
	if err != nil {
		lg.Warn("Backups while running are not available", zap.String("socket", path), zap.Error(err))
		return func() {}
	}
	var copies sync.WaitGroup
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			copies.Add(1)
			go func() {
				defer copies.Done()
				serveCopy(db, conn, lg)
			}()
		}
	}()
	return func() {
		_ = l.Close()
		<-done
		copies.Wait()
	}
}

// listen makes the socket under a temporary name, limits it to the owner,
// and only then gives it its name: no one else can connect in between.
// A socket left by a daemon that crashed is replaced: this process holds
// the database, so no other daemon serves it.
func listen(path string) (net.Listener, error) {
	tmp := filepath.Join(filepath.Dir(path), ".persona-backup-"+randomSuffix()+".sock")
	l, err := net.Listen("unix", tmp)
	if err != nil {
		return nil, err
	}
	ul := l.(*net.UnixListener)
	ul.SetUnlinkOnClose(false) // it is renamed; Close removes the final name below
	if err := os.Chmod(tmp, 0o600); err != nil {
		_ = l.Close()
		_ = os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = l.Close()
		_ = os.Remove(tmp)
		return nil, err
	}
	return removeOnClose{l, path}, nil
}

type removeOnClose struct {
	net.Listener
	path string
}

func (r removeOnClose) Close() error {
	err := r.Listener.Close()
	_ = os.Remove(r.path)
	return err
}

// serveCopy writes the copy's length (8 bytes, big-endian), then the copy.
func serveCopy(db *storage.DB, conn net.Conn, lg *zap.Logger) {
	defer func() { _ = conn.Close() }()
	err := db.Backup(conn, func(size int64) error {
		return binary.Write(conn, binary.BigEndian, size)
	})
	if err != nil && !errors.Is(err, io.ErrClosedPipe) {
		lg.Warn("Backup copy failed", zap.Error(err))
		return
	}
	lg.Info("Backup copy written")
}
