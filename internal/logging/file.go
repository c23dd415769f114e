package logging

import (
	"os"
	"sync"

	"github.com/go-faster/errors"
	"go.uber.org/zap/zapcore"
)

// File is a log file that can be reopened at the same path, so logrotate
// can move it away and the next write goes to a fresh file.
type File struct {
	path string

	mu sync.Mutex
	f  *os.File // nil once closed
}

var _ zapcore.WriteSyncer = (*File)(nil)

// OpenFile opens path for appending, creating it readable by the owner only.
func OpenFile(path string) (*File, error) {
	f, err := openAppend(path)
	if err != nil {
		return nil, err
	}
	return &File{path: path, f: f}, nil
}

func openAppend(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, errors.Wrap(err, "log.file")
	}
	return f, nil
}

// Write appends p to the file currently open at the path.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	return l.f.Write(p)
}

// Sync flushes the current file to disk.
func (l *File) Sync() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return os.ErrClosed
	}
	return l.f.Sync()
}

// Reopen switches to the file now at the path, creating it if it was moved
// away. When that fails, writing goes on to the old file.
func (l *File) Reopen() error {
	f, err := openAppend(l.path)
	if err != nil {
		return err
	}
	l.mu.Lock()
	old := l.f
	if old != nil {
		l.f = f
	}
	l.mu.Unlock()
	if old == nil {
		_ = f.Close()
		return errors.Wrap(os.ErrClosed, "log.file")
	}
	if err := old.Close(); err != nil {
		return errors.Wrap(err, "close old log file")
	}
	return nil
}

// Close closes the file; later writes fail with os.ErrClosed.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
