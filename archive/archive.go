// Package archive keeps copies of watched contacts' profile photos on disk,
// in the folder persona-archive beside the database, so that a notice can
// attach a photo the contact has since deleted: Telegram no longer hands out
// the file of a deleted photo.
//
// A copy is named by the SHA-256 of its bytes. The same photo is therefore
// stored once, and a damaged file is told from a good one by reading it
// back. Writes are atomic (a temporary file, synced, renamed into place), and
// files are 0600 in a 0700 folder: the photos are the owner's private view
// of their contacts. The index (whose photo, when, which file) lives in
// bbolt; this package only stores bytes.
package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-faster/errors"

	"persona/internal/usererr"
)

// FolderName is the archive's folder, beside the database file.
const FolderName = "persona-archive"

// ErrMissing and ErrDamaged say why a copy cannot be used: its file is gone,
// or its bytes no longer hash to its name.
var (
	ErrMissing = errors.New("the archived copy is missing")
	ErrDamaged = errors.New("the archived copy is damaged")
)

// Archive is one archive folder. Its methods are safe for concurrent use:
// every write is a rename of a file that no one else names.
type Archive struct {
	dir string
}

// Beside is the archive for the database at dbPath.
func Beside(dbPath string) *Archive {
	return &Archive{dir: filepath.Join(filepath.Dir(dbPath), FolderName)}
}

// Dir is the archive's folder.
func (a *Archive) Dir() string { return a.dir }

// Put stores data under its content name and returns the name. ext is the
// file's extension (".jpg", ".mp4"), kept so the owner can open the files.
// A copy already stored is not written again. An error the owner can fix
// (disk full, no permission) is a usererr naming the folder.
func (a *Archive) Put(data []byte, ext string) (string, error) {
	name := contentName(data, ext)
	if err := a.ensureDir(); err != nil {
		return "", err
	}
	if ok, err := a.holds(name, data); err != nil || ok {
		return name, err
	}
	if err := a.writeAtomic(name, data); err != nil {
		return "", a.cannotWrite(err)
	}
	return name, nil
}

// Get reads the copy called name, checking that its bytes still hash to it.
func (a *Archive) Get(name string) ([]byte, error) {
	if !validName(name) {
		return nil, errors.Wrapf(ErrDamaged, "%q is not an archive name", name)
	}
	data, err := os.ReadFile(filepath.Join(a.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.Wrap(ErrMissing, name)
	}
	if err != nil {
		return nil, errors.Wrapf(err, "read %s", name)
	}
	if contentName(data, filepath.Ext(name)) != name {
		return nil, errors.Wrap(ErrDamaged, name)
	}
	return data, nil
}

// Remove deletes the copy called name; a copy already gone is no error.
func (a *Archive) Remove(name string) error {
	if !validName(name) {
		return nil
	}
	err := os.Remove(filepath.Join(a.dir, name))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errors.Wrapf(err, "remove %s", name)
	}
	return nil
}

// Usage is the number of copies and their total size in bytes. A folder
// not yet made holds nothing.
func (a *Archive) Usage() (files int, bytes int64, err error) {
	entries, err := os.ReadDir(a.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, errors.Wrap(err, "read archive folder")
	}
	for _, e := range entries {
		if !validName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		files++
		bytes += info.Size()
	}
	return files, bytes, nil
}

// contentName is the SHA-256 of data in hex, then ext.
func contentName(data []byte, ext string) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]) + ext
}

// validName accepts only names contentName makes, so that a name read
// from the database can never reach outside the folder.
func validName(name string) bool {
	hash, ext, _ := strings.Cut(name, ".")
	if len(hash) != sha256.Size*2 || strings.ContainsAny(ext, `/\.`) {
		return false
	}
	_, err := hex.DecodeString(hash)
	return err == nil
}

// holds says whether the folder already has a good copy of data.
func (a *Archive) holds(name string, data []byte) (bool, error) {
	old, err := a.Get(name)
	switch {
	case err == nil:
		return len(old) == len(data), nil
	case errors.Is(err, ErrMissing), errors.Is(err, ErrDamaged):
		return false, nil // written (again) below
	default:
		return false, a.cannotWrite(err)
	}
}

func (a *Archive) cannotWrite(err error) error {
	return usererr.Errorf("cannot keep a copy in the archive folder %s: %s", a.dir, plainCause(err))
}

// plainCause names the usual reasons in the owner's words.
func plainCause(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case isNoSpace(err):
		return "the disk is full"
	default:
		return err.Error()
	}
}
