package e2e_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestEmulatorPlayground: `persona emulator` as a person uses it: it prints
// the [telegram.server] section, a daemon logs in and runs against it, the
// lines typed into the emulator become Saved Messages and Persona's replies
// are printed back.
func TestEmulatorPlayground(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	emu := exec.CommandContext(ctx, binary, "emulator", "-addr", "127.0.0.1:0")
	emu.Dir = dir
	typed, err := emu.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	emu.Stdout, emu.Stderr = out, out
	if err := emu.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = emu.Process.Kill(); _ = emu.Wait() }()
	section := waitOutput(t, out, regexp.MustCompile(`(?s)\[telegram\.server\].*?public_key = "server.pem"`))

	config := filepath.Join(dir, "config.toml")
	cfg := "[telegram]\napp_id = 4242\napp_hash = \"" + appHash + "\"\n\n" + section + "\n\n[storage]\npath = \"persona.db\"\n"
	if err := os.WriteFile(config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	login := exec.CommandContext(ctx, binary, "login", "-config", config)
	login.Stdin = strings.NewReader("+15550000001\n12345\n")
	if b, err := login.CombinedOutput(); err != nil || !strings.Contains(string(b), "logged in as Dana") {
		t.Fatalf("login against the playground: %v\n%s", err, b)
	}
	daemon := exec.CommandContext(ctx, binary, "run", "-config", config)
	log := &syncBuffer{}
	daemon.Stderr = log
	if err := daemon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = daemon.Process.Kill(); _ = daemon.Wait() }()
	waitOutput(t, log, regexp.MustCompile(`"msg":"Ready"`))

	for _, line := range []string{"photo /setphoto @alice", "/setphto @bob"} {
		if _, err := io.WriteString(typed, line+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	waitOutput(t, out, regexp.MustCompile(`saved messages › ✅ @alice: personal photo set`))
	waitOutput(t, out, regexp.MustCompile(`saved messages › ❌ unknown command /setphto — did you mean /setphoto\?`))
}

// waitOutput waits up to 20 s for re to match what w has written, and
// returns the match.
func waitOutput(t *testing.T, w *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindString(w.String()); m != "" {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %q within 20 s in:\n%s", re, w.String())
	return ""
}
