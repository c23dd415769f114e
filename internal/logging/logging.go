// Package logging builds the daemon's logger: human-readable on a terminal,
// JSON lines otherwise, at the configured level. A log file can be reopened
// on SIGHUP, so logrotate can move it away.
package logging

import (
	"io"
	"os"

	"github.com/go-faster/errors"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"golang.org/x/term"
)

// Logger is the daemon's logger and the file behind it, if any.
type Logger struct {
	*zap.Logger
	file *File // nil when writing to the fallback
}

// New returns a logger writing to file, or to fallback when file is empty.
func New(level, file string, fallback io.Writer) (*Logger, error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, errors.Wrap(err, "log.level")
	}
	l := &Logger{}
	out := zapcore.AddSync(fallback)
	if file != "" {
		if l.file, err = OpenFile(file); err != nil {
			return nil, err
		}
		out = l.file
	}
	core := zapcore.NewCore(encoder(fallback, file == ""), out, lvl)
	l.Logger = zap.New(core)
	return l, nil
}

func encoder(fallback io.Writer, useFallback bool) zapcore.Encoder {
	encCfg := zap.NewProductionEncoderConfig()
	encCfg.EncodeTime = zapcore.ISO8601TimeEncoder
	encCfg.EncodeDuration = zapcore.MillisDurationEncoder // "took":1720.5 reads at a glance; seconds hid small steps
	if !useFallback || !isTerminal(fallback) {
		return zapcore.NewJSONEncoder(encCfg)
	}
	encCfg.EncodeLevel = zapcore.CapitalColorLevelEncoder
	encCfg.EncodeTime = zapcore.TimeEncoderOfLayout("15:04:05.000")
	return zapcore.NewConsoleEncoder(encCfg)
}

// Reopen reopens the log file at its path; without a log file it does
// nothing, as standard error needs no rotation.
func (l *Logger) Reopen() error {
	if l.file == nil {
		return nil
	}
	return l.file.Reopen()
}

// Close flushes the logger and closes the log file.
func (l *Logger) Close() {
	_ = l.Sync()
	if l.file != nil {
		_ = l.file.Close()
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
