package e2e_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// initHash is an api_hash as my.telegram.org shows it: 32 hex digits.
const initHash = "0123456789abcdef0123456789abcdef"

// initWorld is a world with no config yet, whose init points the config at
// the emulator through the testing knob PERSONA_INIT_SERVER.
func initWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t, setup{})
	if err := os.Remove(w.config); err != nil {
		t.Fatal(err)
	}
	server, err := w.emu.WriteServerConfig(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "PERSONA_INIT_SERVER="+server)
	return w
}

// personaEnv runs the binary to completion with the world's environment.
func (w *world) personaEnv(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir, cmd.Stdin, cmd.Env = w.dir, strings.NewReader(stdin), append(os.Environ(), w.env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("persona %v did not finish\nstdout: %s\nstderr: %s", args, &out, &errOut)
	}
	return out.String(), errOut.String(), exitCode(t, err, args)
}

// checkWritten: the config has mode 0600, holds the answers and not a
// stray secret, and the daemon starts on it when logged in.
func checkWritten(t *testing.T, w *world, loggedIn bool) {
	t.Helper()
	st, err := os.Stat(w.config)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(w.config)
	for _, want := range []string{"app_id = 4242", `app_hash = "` + initHash + `"`, `path = "persona.db"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("config lacks %q:\n%s", want, b)
		}
	}
	if !loggedIn {
		if _, errOut, code := w.persona(t, "", "run", "-config", w.config); code != 2 {
			t.Errorf("run after init without login: exit %d, want 2\n%s", code, errOut)
		}
		return
	}
	d := w.startDaemon(t)
	d.stop(t)
}

// TestInitPiped: init reads one answer per line when standard input is not
// a terminal, writes the config, and logs in with the lines that follow.
func TestInitPiped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		stdin    []string
		code     int
		stdout   string // in standard output
		stderr   string // in standard error, on a failure
		loggedIn bool
		written  bool
	}{
		{name: "log in", stdin: []string{"4242", initHash, "", "yes", phone, loginCode}, stdout: "logged in as Owner Persona", loggedIn: true, written: true},
		{name: "phone given", stdin: []string{"4242", initHash, phone, "", loginCode}, stdout: "logged in as Owner Persona", loggedIn: true, written: true},
		{name: "no login", stdin: []string{"4242", initHash, "", "no"}, stdout: "persona login", written: true},
		{name: "input ends before the login question", stdin: []string{"4242", initHash, ""}, stdout: "persona login", written: true},
		{name: "app_id not a number", stdin: []string{"abc", initHash, "", "no"}, code: 1, stderr: "app_id must be a positive whole number"},
		{name: "app_hash too short", stdin: []string{"4242", "0123abcd", "", "no"}, code: 1, stderr: "app_hash must be 32 characters"},
		{name: "phone without +", stdin: []string{"4242", initHash, "15550001111", "no"}, code: 1, stderr: "international format"},
		{name: "bad login answer", stdin: []string{"4242", initHash, "", "maybe"}, code: 1, stderr: `answer yes, no or qr, not "maybe"`, written: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := initWorld(t)
			out, errOut, code := w.personaEnv(t, strings.Join(tt.stdin, "\n")+"\n", "init", "-config", w.config)
			noSecrets(t, out+errOut)
			if strings.Contains(out+errOut, initHash) {
				t.Errorf("the output shows the app_hash\nstdout: %s\nstderr: %s", out, errOut)
			}
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d, want %d with %q / %q\nstdout: %s\nstderr: %s", code, tt.code, tt.stdout, tt.stderr, out, errOut)
			}
			if _, err := os.Stat(w.config); (err == nil) != tt.written {
				t.Fatalf("config written: %v, want %v", err == nil, tt.written)
			}
			if tt.written && tt.code == 0 {
				checkWritten(t, w, tt.loggedIn)
			}
		})
	}
}

// TestInitExisting: init leaves an existing config alone (exit 78) unless
// -force, and asks nothing before saying so.
func TestInitExisting(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	before, _ := os.ReadFile(w.config)
	_, errOut, code := w.persona(t, "4242\n"+initHash+"\n\nno\n", "init", "-config", w.config)
	if code != 78 || !strings.Contains(errOut, w.config) || !strings.Contains(errOut, "-force") {
		t.Fatalf("init over an existing config: exit %d, want 78 naming the file and -force\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(w.config); !bytes.Equal(after, before) {
		t.Fatal("init without -force changed the config")
	}
	out, errOut, code := w.persona(t, "4242\n"+initHash+"\n\nno\n", "init", "-force", "-config", w.config)
	if code != 0 {
		t.Fatalf("init -force: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	checkWritten(t, w, false)
}

// TestInitTerminal: on a terminal init explains where the app's id and
// hash come from, asks again after a bad answer, hides the app_hash, and
// logs in.
func TestInitTerminal(t *testing.T) {
	t.Parallel()
	w := initWorld(t)
	c := w.startInteractive(t, "init")
	c.waitFor(t, c.stderr, "https://my.telegram.org")
	c.waitFor(t, c.stderr, "app_id")
	c.answer(t, "0")
	c.waitFor(t, c.stderr, "try again")
	c.answer(t, "4242")
	c.waitFor(t, c.stderr, "app_hash")
	c.answer(t, "not-hex")
	c.waitFor(t, c.stderr, "(this one has 7)")
	c.answer(t, initHash)
	c.waitFor(t, c.stderr, "Enter: ask at login")
	c.answer(t, phone)
	c.waitFor(t, c.stderr, "Log in now?")
	c.answer(t, "")
	c.waitFor(t, c.stderr, "Login code")
	c.answer(t, loginCode)
	c.waitFor(t, c.stdout, fmt.Sprintf("logged in as Owner Persona (id %d)", w.me.ID))
	if code := c.exit(t); code != 0 {
		t.Fatalf("init exit %d\nstdout: %s\nstderr: %s", code, c.stdout, c.stderr)
	}
	if strings.Contains(c.stdout.String()+c.stderr.String(), initHash) {
		t.Error("init shows the app_hash")
	}
	if _, err := os.Stat(filepath.Join(w.dir, "persona.db")); err != nil {
		t.Errorf("no database after init's login: %v", err)
	}
	checkWritten(t, w, true)
}

// TestInitInterrupted: Ctrl-C at init's questions exits 130 and writes no
// config.
func TestInitInterrupted(t *testing.T) {
	t.Parallel()
	w := initWorld(t)
	c := w.startInteractive(t, "init")
	c.waitFor(t, c.stderr, "app_id")
	c.answer(t, "4242")
	c.waitFor(t, c.stderr, "app_hash")
	if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := c.exit(t); code != 130 {
		t.Fatalf("exit %d after Ctrl-C, want 130\nstderr: %s", code, c.stderr)
	}
	if _, err := os.Stat(w.config); !os.IsNotExist(err) {
		t.Errorf("an interrupted init wrote %s (%v)", w.config, err)
	}
}
