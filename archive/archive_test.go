package archive

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-faster/errors"

	"persona/internal/usererr"
)

func newArchive(t *testing.T) *Archive {
	t.Helper()
	return Beside(filepath.Join(t.TempDir(), "persona.db"))
}

func TestPutGet(t *testing.T) {
	a := newArchive(t)
	data := []byte("a photo")
	name, err := a.Put(data, ".jpg")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".jpg") || !validName(name) {
		t.Fatalf("name %q", name)
	}
	got, err := a.Get(name)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Get = %q, %v", got, err)
	}
	again, err := a.Put(data, ".jpg")
	if err != nil || again != name {
		t.Fatalf("second Put = %q, %v; want the same name", again, err)
	}
	files, size, err := a.Usage()
	if err != nil || files != 1 || size != int64(len(data)) {
		t.Fatalf("Usage = %d files, %d bytes, %v; want 1, %d", files, size, err, len(data))
	}
}

func TestModes(t *testing.T) {
	a := newArchive(t)
	if err := os.MkdirAll(a.Dir(), 0o755); err != nil {
		t.Fatal(err)
	}
	name, err := a.Put([]byte("x"), ".jpg")
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := os.Stat(a.Dir())
	file, _ := os.Stat(filepath.Join(a.Dir(), name))
	if dir.Mode().Perm() != 0o700 || file.Mode().Perm() != 0o600 {
		t.Fatalf("modes: folder %v, file %v; want 0700, 0600", dir.Mode().Perm(), file.Mode().Perm())
	}
}

func TestGetMissingOrDamaged(t *testing.T) {
	a := newArchive(t)
	name, err := a.Put([]byte("the photo"), ".jpg")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a.Dir(), name), []byte("the phot0"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get(name); !errors.Is(err, ErrDamaged) {
		t.Fatalf("damaged: %v", err)
	}
	if err := a.Remove(name); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get(name); !errors.Is(err, ErrMissing) {
		t.Fatalf("missing: %v", err)
	}
	if _, err := a.Get("../persona.db"); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a name outside the folder: %v", err)
	}
}

func TestPutRewritesDamaged(t *testing.T) {
	a := newArchive(t)
	data := []byte("the photo")
	name, _ := a.Put(data, ".jpg")
	if err := os.WriteFile(filepath.Join(a.Dir(), name), []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Put(data, ".jpg"); err != nil {
		t.Fatal(err)
	}
	if got, err := a.Get(name); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("after rewrite: %q, %v", got, err)
	}
}

func TestNotWritableNamesFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	a := newArchive(t)
	if err := os.MkdirAll(a.Dir(), 0o500); err != nil {
		t.Fatal(err)
	}
	_, err := a.Put([]byte("x"), ".jpg")
	var ue *usererr.Error
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, a.Dir()) {
		t.Fatalf("Put in a read-only folder: %v; want a usererr naming %s", err, a.Dir())
	}
	if files, _, _ := a.Usage(); files != 0 {
		t.Fatalf("%d files left behind", files)
	}
}

func TestValidName(t *testing.T) {
	good := contentName([]byte("x"), ".mp4")
	tests := map[string]bool{
		good:                             true,
		strings.TrimSuffix(good, ".mp4"): true,
		"../" + good:                     false,
		good[:10] + ".jpg":               false,
		good + "/x":                      false,
		".tmp-123":                       false,
		strings.Repeat("z", 64) + ".jpg": false,
	}
	for name, want := range tests {
		if got := validName(name); got != want {
			t.Errorf("validName(%q) = %v, want %v", name, got, want)
		}
	}
}
