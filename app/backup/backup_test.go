package backup

import (
	"context"
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap"

	"persona/storage"
)

// The daemon's copy, asked for over its socket, opens as a database, and
// the socket is gone once it stops.
func TestServeCopy(t *testing.T) {
	dir := t.TempDir()
	db, err := storage.Open(filepath.Join(dir, "persona.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if err := db.ClaimOwner(storage.Owner{ID: 7, Name: "Owner"}); err != nil {
		t.Fatal(err)
	}
	stop := Serve(db, zap.NewNop())
	copyPath := filepath.Join(dir, "copy.db")
	from, err := copyTo(context.Background(), db.Path(), copyPath)
	if err != nil || !strings.Contains(from, "running") {
		t.Fatalf("copyTo = %q, %v", from, err)
	}
	stop()
	if _, err := os.Stat(SocketPath(db.Path())); !os.IsNotExist(err) {
		t.Errorf("socket left after stop: %v", err)
	}
	c, err := storage.Open(copyPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Close() }()
	if o, found, err := c.StoredOwner(); err != nil || !found || o.ID != 7 {
		t.Errorf("copy's owner = %+v, %v, %v", o, found, err)
	}
}

// A copy cut off on the way is refused, not written.
func TestReceiveCut(t *testing.T) {
	a, b := net.Pipe()
	go func() {
		_ = binary.Write(a, binary.BigEndian, int64(100))
		_, _ = a.Write(make([]byte, 40))
		_ = a.Close()
	}()
	var sb strings.Builder
	if err := receive(b, &sb); err == nil || !strings.Contains(err.Error(), "cut off after 40 of 100 bytes") {
		t.Errorf("receive = %v", err)
	}
}
