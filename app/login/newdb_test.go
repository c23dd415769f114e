package login

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDatedName(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 7, 19, 45, 12, 0, time.UTC)
	path := filepath.Join(dir, "persona.db")
	want := filepath.Join(dir, "persona-2026-12-07-194512.db")
	if got, err := datedName(path, now); err != nil || got != want {
		t.Fatalf("datedName = %q, %v; want %q", got, err, want)
	}
	if err := os.WriteFile(want, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := datedName(path, now); err != nil || got != filepath.Join(dir, "persona-2026-12-07-194512-2.db") {
		t.Fatalf("datedName beside a taken name = %q, %v", got, err)
	}
}
