package e2e_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"persona/emulator"
)

// logLines parses the daemon's standard error: one JSON object a line,
// since it is not a terminal.
func logLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		out = append(out, m)
	}
	return out
}

// TestCommandLogLine: each command is one log line with its message id,
// targets, outcome (the reply's first line) and duration in milliseconds.
func TestCommandLogLine(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	tests := []struct {
		msg     emulator.Message
		targets []any
	}{
		{emulator.Message{Text: "/setphoto @alice @eve", Media: media}, []any{"@alice", "@eve"}},
		{emulator.Message{Text: "/status"}, []any{}},
		{emulator.Message{Text: "/setphto @alice"}, nil}, // does not parse: no targets
	}
	type want struct {
		outcome string
		targets []any
		within  time.Duration // from the post to the command's log line: it took less
	}
	wants := map[float64]want{}
	for _, tt := range tests {
		posted := time.Now()
		id := w.post(t, tt.msg)
		first, _, _ := strings.Cut(w.waitReply(t, d, id).Message, "\n")
		waitLog(t, d, fmt.Sprintf(`"msg":"Command"[^\n]*"msg_id":%d[,}]`, id))
		wants[float64(id)] = want{first, tt.targets, time.Since(posted)}
	}
	d.stop(t)
	if strings.Contains(d.log(), `"removed_elsewhere":[]`) {
		t.Errorf("an empty removed_elsewhere is logged:\n%s", d.log())
	}
	seen := map[float64]int{}
	for _, l := range logLines(t, d.log()) {
		if l["msg"] != "Command" {
			continue
		}
		id, _ := l["msg_id"].(float64)
		seen[id]++
		targets, _ := l["targets"].([]any)
		if wt := wants[id]; l["outcome"] != wt.outcome || l["level"] != "info" || !slices.Equal(targets, wt.targets) {
			t.Errorf("command %v: level %v, outcome %q, targets %v; want info, %q and %v", id, l["level"], l["outcome"], l["targets"], wt.outcome, wt.targets)
		}
		// Whole milliseconds: a command answered within one logs 0. The
		// command ran between its post and its log line, so it took no
		// more milliseconds than they lie apart, however slow the machine.
		took, ok := l["took_ms"].(float64)
		if max := float64(wants[id].within.Milliseconds()) + 1; !ok || took < 0 || took > max {
			t.Errorf("command %v: took %v, want its duration in milliseconds, at most the %v from its post to its log line", id, l["took_ms"], max)
		}
		if l["command"] == "/setphoto" && took < 1 { // a download and an upload take more than a millisecond
			t.Errorf("the /setphoto took %v: not in milliseconds", took)
		}
	}
	for id := range wants {
		if seen[id] != 1 {
			t.Errorf("command %v has %d log lines, want 1", id, seen[id])
		}
	}
}

// TestLogLevelFromConfig: log.level = "warn" leaves out the info lines,
// the command lines among them.
func TestLogLevelFromConfig(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	appendConfig(t, w, "\n[log]\nlevel = \"warn\"\n")
	seq := w.emu.LastSeq()
	d := w.spawn(t)
	// Without the Ready line: once the daemon has its first update state,
	// what is written next reaches it.
	waitCall(t, w, seq, "updates.getState", d)
	id := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	d.stop(t)
	if strings.TrimSpace(d.log()) == "" {
		return
	}
	for _, l := range logLines(t, d.log()) {
		if l["level"] == "info" || l["level"] == "debug" {
			t.Errorf("log.level warn, yet: %v", l)
		}
	}
}

func appendConfig(t *testing.T, w *world, text string) {
	t.Helper()
	f, err := os.OpenFile(w.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// TestLogOnTerminal: on a terminal the log is for people: a time, a level
// and a message, not JSON.
func TestLogOnTerminal(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	master, tty := openPTY(t)
	var out syncBuffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			_, _ = out.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	cmd := exec.Command(binary, "run", "-config", w.config)
	cmd.Dir, cmd.Stderr = w.dir, tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = tty.Close() // the child has it
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	line := waitLine(t, &out, "Ready")
	if strings.HasPrefix(line, "{") || !strings.Contains(line, "INFO") {
		t.Errorf("on a terminal the log line is %q, want a readable one", line)
	}
	w.post(t, emulator.Message{Text: "/status"})
	line = waitLine(t, &out, "Command")
	for _, want := range []string{"INFO", "/status", "outcome", "took_ms"} {
		if !strings.Contains(line, want) || strings.HasPrefix(line, "{") {
			t.Errorf("command line %q, want a readable one with %q", line, want)
		}
	}
}

// waitLine waits for a line of out containing s and returns it.
func waitLine(t *testing.T, out *syncBuffer, s string) string {
	t.Helper()
	var line string
	eventually(t, func() bool {
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.Contains(l, s) && strings.HasSuffix(l, "\r") { // a whole line (the terminal ends it with \r\n)
				line = strings.TrimSuffix(l, "\r")
				return true
			}
		}
		return false
	}, func() string { return fmt.Sprintf("no log line with %q:\n%s", s, out) })
	return line
}

// openPTY opens a pseudo-terminal pair (pty(7)): what the child writes to
// tty, the test reads from master.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { _ = m.Close() })
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pty number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the pty: %v", err)
	}
	return m, s
}
