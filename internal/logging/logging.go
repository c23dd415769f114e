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

// New returns a logger writing to file, or to fallback when file is empty,
// in format: "text", "json", or "" for text on a terminal and JSON lines
// elsewhere (a file, journald, a pipe).
func New(level, format, file string, fallback io.Writer) (*Logger, error) {
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
	if format == "" {
		format = "json"
		if file == "" && isTerminal(fallback) {
			format = "text"
		}
	}
	core := zapcore.NewCore(encoder(format, file == "" && isTerminal(fallback)), out, lvl)
	l.Logger = zap.New(core)
	return l, nil
}

// encoder writes JSON lines, or text: colour only on a terminal.
func encoder(format string, terminal bool) zapcore.Encoder {
	encCfg := zap.NewProductionEncoderConfig()
	encCfg.EncodeTime = zapcore.ISO8601TimeEncoder
	encCfg.EncodeDuration = zapcore.MillisDurationEncoder // "took_ms":1720.5: every duration field says its unit
	if format == "json" {
		return zapcore.NewJSONEncoder(encCfg)
	}
	encCfg.EncodeLevel = zapcore.CapitalLevelEncoder
	if terminal {
		encCfg.EncodeLevel = zapcore.CapitalColorLevelEncoder
		encCfg.EncodeTime = zapcore.TimeEncoderOfLayout("15:04:05.000")
	}
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
