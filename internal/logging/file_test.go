package logging

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, f *File, s string) {
	t.Helper()
	if _, err := f.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

func TestFileReopenAfterRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "persona.log")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	write(t, f, "one\n")
	rotated := path + ".1"
	if err := os.Rename(path, rotated); err != nil {
		t.Fatal(err)
	}
	write(t, f, "two\n") // logrotate moved it; still the old file until HUP
	if err := f.Reopen(); err != nil {
		t.Fatal(err)
	}
	write(t, f, "three\n")
	if got := readFile(t, rotated); got != "one\ntwo\n" {
		t.Errorf("rotated file = %q", got)
	}
	if got := readFile(t, path); got != "three\n" {
		t.Errorf("new file = %q", got)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("new file mode %v, want 0600", perm)
	}
}

func TestFileReopenWithoutRotationAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "persona.log")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	write(t, f, "one\n")
	if err := f.Reopen(); err != nil {
		t.Fatal(err)
	}
	write(t, f, "two\n")
	if got := readFile(t, path); got != "one\ntwo\n" {
		t.Errorf("file = %q", got)
	}
}

func TestFileReopenFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "logs")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sub, "persona.log")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	moved := filepath.Join(dir, "moved")
	if err := os.Rename(sub, moved); err != nil { // the folder is gone
		t.Fatal(err)
	}
	if err := f.Reopen(); err == nil {
		t.Fatal("Reopen succeeded without its folder")
	}
	write(t, f, "still here\n")
	if got := readFile(t, filepath.Join(moved, "persona.log")); got != "still here\n" {
		t.Errorf("old file = %q", got)
	}
}

func TestFileClosed(t *testing.T) {
	f, err := OpenFile(filepath.Join(t.TempDir(), "persona.log"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if err := f.Reopen(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Reopen after Close: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// Writers and a rotating logrotate at once: no line may be lost or torn.
func TestFileConcurrentReopen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "persona.log")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const writers, lines, rotations = 8, 200, 20
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range lines {
				if _, err := fmt.Fprintf(f, "w%d line %d\n", w, i); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for r := range rotations {
		if err := os.Rename(path, fmt.Sprintf("%s.%d", path, r)); err != nil {
			t.Fatal(err)
		}
		if err := f.Reopen(); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	files, _ := filepath.Glob(path + "*")
	for _, name := range files {
		all.WriteString(readFile(t, name))
	}
	got := strings.Split(strings.TrimSuffix(all.String(), "\n"), "\n")
	if len(got) != writers*lines {
		t.Fatalf("%d lines across %d files, want %d", len(got), len(files), writers*lines)
	}
	for _, line := range got {
		var w, i int
		if _, err := fmt.Sscanf(line, "w%d line %d", &w, &i); err != nil {
			t.Fatalf("torn line %q", line)
		}
	}
}
