package session

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// TestGotdLogger: gotd's messages pass from WARN up; its "rpc callback not
// set" bookkeeping is DEBUG, dropped at INFO, and nothing once stopped.
func TestGotdLogger(t *testing.T) {
	for _, tt := range []struct {
		level   zapcore.Level
		stopped bool
		want    []zapcore.Level // levels of the entries kept: info, warn, callback
	}{
		{zapcore.InfoLevel, false, []zapcore.Level{zapcore.WarnLevel}},
		{zapcore.DebugLevel, false, []zapcore.Level{zapcore.WarnLevel, zapcore.DebugLevel}},
		{zapcore.DebugLevel, true, []zapcore.Level{zapcore.WarnLevel}},
	} {
		core, logs := observer.New(tt.level)
		stopped := make(chan struct{})
		if tt.stopped {
			close(stopped)
		}
		lg := Options{Logger: zap.New(core)}.gotdLogger("gotd", stopped)
		lg.Info("rpc call")
		lg.Warn("connection lost")
		lg.Warn("rpc callback not set (result for unknown/expired request)")
		var got []zapcore.Level
		for _, e := range logs.All() {
			got = append(got, e.Level)
		}
		if len(got) != len(tt.want) {
			t.Errorf("at %v (stopped %v): kept %v, want %v", tt.level, tt.stopped, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("at %v (stopped %v): kept %v, want %v", tt.level, tt.stopped, got, tt.want)
			}
		}
	}
}
