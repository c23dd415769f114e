package archive

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/go-faster/errors"
)

// ensureDir makes the folder 0700, and tightens one that is looser: the
// copies are as private as the database beside them.
func (a *Archive) ensureDir() error {
	if err := os.MkdirAll(a.dir, 0o700); err != nil {
		return a.cannotWrite(err)
	}
	info, err := os.Stat(a.dir)
	if err != nil {
		return a.cannotWrite(err)
	}
	if !info.IsDir() {
		return a.cannotWrite(errors.New("it is not a folder"))
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(a.dir, 0o700); err != nil {
			return a.cannotWrite(err)
		}
	}
	return nil
}

// writeAtomic writes data to a temporary file in the folder, syncs it and
// renames it to name, so that a crash or a full disk leaves either no file
// or the whole one: never a short copy under a content name.
func (a *Archive) writeAtomic(name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(a.dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(a.dir, name)); err != nil {
		return err
	}
	return syncDir(a.dir)
}

// syncDir makes the rename itself durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err // some file systems cannot sync a folder: nothing to do there
	}
	return nil
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
