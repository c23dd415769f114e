package backup

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/go-faster/errors"

	"persona/config"
	"persona/storage"
)

// Run writes a consistent copy of the config's database to file, with mode
// 0600: from the daemon that holds it, or from the file itself when none
// does. The copy appears whole or not at all.
func Run(ctx context.Context, configPath, file string, stdout io.Writer) error {
	if configPath == "" {
		configPath = config.DefaultPath()
	}
	cfg, err := config.Load(configPath)
	if err != nil {
		return err
	}
	db := cfg.Storage.Path
	if _, err := os.Stat(db); err != nil {
		return errors.Wrap(err, "nothing to back up")
	}
	if same(db, file) {
		return errors.Errorf("%s is the database itself: name another file for the copy", file)
	}
	from, err := copyTo(ctx, db, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a copy of %s to %s (%s)\n", db, file, from)
	return nil
}

// copyTo writes the copy to a temporary file beside file, checks that it
// opens as a database, and renames it to file. from says who made it.
func copyTo(ctx context.Context, db, file string) (from string, err error) {
	f, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return "", errors.Wrap(err, "create the copy")
	}
	tmp := f.Name()
	defer func() { _ = os.Remove(tmp) }() // after a failure; gone after the rename
	from, err = copyFrom(ctx, db, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	if err := storage.Check(tmp); err != nil {
		return "", errors.Wrap(err, "the copy does not open as a database")
	}
	if err := os.Rename(tmp, file); err != nil {
		return "", errors.Wrap(err, "name the copy")
	}
	return from, nil
}

// copyFrom asks the running daemon for the copy, or reads the file when no
// daemon answers.
func copyFrom(ctx context.Context, db string, w io.Writer) (string, error) {
	sock := SocketPath(db)
	conn, dialErr := (&net.Dialer{}).DialContext(ctx, "unix", sock)
	if dialErr == nil {
		defer func() { _ = conn.Close() }()
		stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
		defer stop()
		return "made by the running persona", receive(conn, w)
	}
	err := storage.BackupFile(db, time.Second, w, func(int64) error { return nil })
	if errors.Is(err, storage.ErrLocked) {
		return "", errors.Errorf("another persona holds %s but does not answer on %s (%v): is it an older version? Stop it and run backup again", db, sock, dialErr)
	}
	return "no persona was running", err
}

// receive reads the length the daemon sends, then exactly that many bytes.
func receive(conn net.Conn, w io.Writer) error {
	var size int64
	if err := binary.Read(conn, binary.BigEndian, &size); err != nil {
		return errors.Wrap(err, "the running persona sent no copy (see its log)")
	}
	n, err := io.Copy(w, io.LimitReader(conn, size))
	if err != nil {
		return errors.Wrap(err, "receive the copy")
	}
	if n != size {
		return errors.Errorf("the copy was cut off after %d of %d bytes (see the running persona's log)", n, size)
	}
	return nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// same reports whether a and b name one file.
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
