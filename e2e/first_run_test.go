package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestRunNotLoggedInOneLine: `persona run` without a session says so in
// exactly one line, before any log line, gotd warning or stack trace.
func TestRunNotLoggedInOneLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		stdin string // of a login before the run; none when empty
	}{
		{name: "never logged in"},
		{name: "after a failed login", stdin: phone + "\nWr0ng1\nWr0ng2\nWr0ng3\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, setup{})
			if tt.stdin != "" {
				if _, _, code := w.login(t, tt.stdin); code == 0 {
					t.Fatal("the failed login succeeded")
				}
			}
			out, errOut, code := w.persona(t, "", "run", "-config", w.config)
			if want := "persona: not logged in: run \"persona login\" first\n"; code != 2 || errOut != want {
				t.Fatalf("exit %d, stderr %q; want 2 and %q\nstdout: %s", code, errOut, want, out)
			}
		})
	}
}

// TestRunUnreachable: a daemon that cannot reach the server keeps trying,
// says at warn level where and why, waiting longer between attempts, and
// still stops cleanly on SIGTERM.
func TestRunUnreachable(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	addr := closedPort(t)
	pointAt(t, w, addr)
	d := w.spawn(t)

	const attempts = 6
	var warns []map[string]any
	eventually(t, func() bool {
		if d.exited() {
			t.Fatalf("daemon exited %d\nstderr:\n%s", d.code, d.log())
		}
		warns = warns[:0]
		lines := completeLines(d.log())
		if lines == "" {
			return false
		}
		for _, l := range logLines(t, lines) {
			if l["level"] == "warn" {
				warns = append(warns, l)
			}
		}
		return len(warns) >= attempts
	}, func() string {
		return fmt.Sprintf("no %d warnings about the server (%s)\nstderr:\n%s", attempts, d.state(), d.log())
	})
	for _, l := range warns {
		if l["address"] != addr || l["reason"] != "connection refused" {
			t.Errorf("warning %v, want address %s and reason \"connection refused\"", l, addr)
		}
	}
	// Attempts back off: the gap before the 6th is longer than before the 2nd.
	if first, later := gap(t, warns[0], warns[1]), gap(t, warns[attempts-2], warns[attempts-1]); later <= first {
		t.Errorf("gaps between attempts %s then %s: want the later one longer (backoff)", first, later)
	}
	d.stop(t)
	if strings.Contains(d.log(), "context canceled") {
		t.Errorf("the log blames a cancelled context, not the server:\n%s", d.log())
	}
}

// completeLines drops a last line still being written.
func completeLines(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[:i+1]
	}
	return ""
}

func gap(t *testing.T, a, b map[string]any) time.Duration {
	t.Helper()
	ta, errA := time.Parse(time.RFC3339Nano, a["ts"].(string))
	tb, errB := time.Parse(time.RFC3339Nano, b["ts"].(string))
	if errA != nil || errB != nil {
		t.Fatalf("log times %v, %v: %v %v", a["ts"], b["ts"], errA, errB)
	}
	return tb.Sub(ta)
}

// TestFirstStartLogs: the first start after a login logs no warning, and
// stopping logs why.
func TestFirstStartLogs(t *testing.T) {
	t.Parallel()
	_, d := running(t)
	d.stop(t)
	stopped := 0
	for _, l := range logLines(t, d.log()) {
		if l["level"] != "info" && l["level"] != "debug" {
			t.Errorf("first start logged at %v: %v", l["level"], l)
		}
		if l["msg"] == "Stopped" {
			stopped++
			if r, _ := l["reason"].(string); !strings.Contains(r, "signal") {
				t.Errorf("Stopped line %v, want the reason to name the signal", l)
			}
		}
	}
	if stopped != 1 {
		t.Errorf("%d Stopped lines, want 1\n%s", stopped, d.log())
	}
}

// TestVersionFromBuild: a binary built from a git checkout says which
// commit it is, not "dev". The harness builds its binary with
// -buildvcs=auto, which stamps it in a checkout; Go does not stamp in a git
// worktree, so there this builds one from a clone.
func TestVersionFromBuild(t *testing.T) {
	t.Parallel()
	src, bin := "..", binary
	if fi, err := os.Stat("../.git"); err == nil && !fi.IsDir() {
		// A git worktree: Go stamps VCS information only where .git is a
		// folder, so build a clone of its HEAD.
		abs, err := filepath.Abs("..")
		if err != nil {
			t.Fatal(err)
		}
		src = filepath.Join(t.TempDir(), "src")
		if out, err := exec.Command("git", "clone", "-q", "--depth=1", "file://"+abs, src).CombinedOutput(); err != nil {
			t.Fatalf("git clone: %v\n%s", err, out)
		}
	}
	head, err := exec.Command("git", "-C", src, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	if src != ".." {
		bin = filepath.Join(t.TempDir(), "persona")
		// -trimpath: the clone's folder is new each time, and without it
		// every package would be compiled again instead of found in the
		// build cache.
		build := exec.Command("go", "build", "-buildvcs=true", "-trimpath", "-o", bin, "persona")
		build.Dir = src
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build -buildvcs=true: %v\n%s", err, out)
		}
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	rev := strings.TrimSpace(string(head))[:12]
	if !regexp.MustCompile(`^persona \S+\n$`).Match(out) || !strings.Contains(string(out), rev) {
		t.Fatalf("persona version = %q, want one word naming commit %s", out, rev)
	}
}
