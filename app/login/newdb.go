package login

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-faster/errors"

	"persona/app/instance"
)

// movedAside is a database file that -new-database renamed.
type movedAside struct {
	from, to string
}

// undo puts the old file back: the login stored nothing in the new one.
func (m *movedAside) undo() {
	_ = os.Rename(m.to, m.from)
}

// moveAside renames the instance's database file to a dated name beside
// it while this process still holds its lock (the lock goes with the
// file), then opens a new database at the old path.
func moveAside(inst *instance.Instance, config string, stderr io.Writer) (*instance.Instance, *movedAside, error) {
	from := inst.DB.Path()
	to, err := datedName(from, time.Now())
	if err != nil {
		inst.Close()
		return nil, nil, err
	}
	if err := os.Rename(from, to); err != nil {
		inst.Close()
		return nil, nil, errors.Wrap(err, "move the old database aside")
	}
	inst.Close()
	m := &movedAside{from: from, to: to}
	fresh, err := instance.Open(config, stderr)
	if err != nil {
		m.undo()
		return nil, nil, err
	}
	return fresh, m, nil
}

// datedName is path with the time before its extension,
// persona.db → persona-2026-12-07-194512.db, one that does not exist yet.
func datedName(path string, now time.Time) (string, error) {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext) + "-" + now.Format("2006-01-02-150405")
	for n := 1; n < 100; n++ {
		name := base + ext
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", base, n, ext)
		}
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
	}
	return "", errors.Errorf("no free dated name beside %s", path)
}
