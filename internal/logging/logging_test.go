package logging

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewFallback(t *testing.T) {
	var buf bytes.Buffer
	lg, err := New("info", "", "", &buf)
	if err != nil {
		t.Fatal(err)
	}
	lg.Debug("hidden")
	lg.Info("shown")
	if err := lg.Reopen(); err != nil {
		t.Fatalf("Reopen without a file: %v", err)
	}
	lg.Close()
	out := buf.String()
	if strings.Contains(out, "hidden") || !strings.Contains(out, `"msg":"shown"`) {
		t.Errorf("output = %q", out)
	}
}

func TestNewBadLevel(t *testing.T) {
	if _, err := New("loud", "", "", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "log.level") {
		t.Errorf("err = %v, want a log.level error", err)
	}
}

func TestNewBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "persona.log")
	if _, err := New("info", "", path, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "log.file") {
		t.Errorf("err = %v, want a log.file error", err)
	}
}

func TestNewFileReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "persona.log")
	var fallback bytes.Buffer
	lg, err := New("debug", "", path, &fallback)
	if err != nil {
		t.Fatal(err)
	}
	lg.Info("before")
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	if err := lg.Reopen(); err != nil {
		t.Fatal(err)
	}
	lg.Info("after")
	lg.Close()
	if fallback.Len() != 0 {
		t.Errorf("fallback got %q", fallback.String())
	}
	for name, want := range map[string]string{path + ".1": "before", path: "after"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var entry struct{ Msg string }
		if err := json.Unmarshal(b, &entry); err != nil {
			t.Fatalf("%s: %v in %q", name, err, b)
		}
		if entry.Msg != want {
			t.Errorf("%s has %q, want %q", name, entry.Msg, want)
		}
	}
}

// TestFormat: log.format chooses text or JSON whatever the output; unset,
// a pipe gets JSON lines.
func TestFormat(t *testing.T) {
	for _, tt := range []struct{ format, want string }{
		{"", `"msg":"shown"`},
		{"json", `"msg":"shown"`},
		{"text", "INFO\tshown"},
	} {
		var buf bytes.Buffer
		lg, err := New("info", tt.format, "", &buf)
		if err != nil {
			t.Fatal(err)
		}
		lg.Info("shown")
		lg.Close()
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("format %q: %q, want %q in it", tt.format, buf.String(), tt.want)
		}
	}
}
