package e2e_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// interactive is `persona login` on a terminal: standard input is a
// pseudo-terminal, so it prompts (on standard error) and hides secrets.
type interactive struct {
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	master, tty    *os.File
	done           chan struct{}
	code           int
}

func (w *world) startInteractive(t *testing.T, args ...string) *interactive {
	t.Helper()
	master, tty := openPTY(t)
	t.Cleanup(func() { _ = tty.Close() })
	go func() { // drain the echo
		buf := make([]byte, 1024)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	c := &interactive{stdout: &syncBuffer{}, stderr: &syncBuffer{}, master: master, tty: tty, done: make(chan struct{})}
	c.cmd = exec.Command(binary, append(args, "-config", w.config)...)
	c.cmd.Dir, c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = w.dir, tty, c.stdout, c.stderr
	c.cmd.Env = append(os.Environ(), w.env...)
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = c.cmd.Wait()
		c.code = c.cmd.ProcessState.ExitCode()
		close(c.done)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		<-c.done
	})
	return c
}

// waitFor waits for s in out.
func (c *interactive) waitFor(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	eventually(t, func() bool {
		if strings.Contains(out.String(), s) { // before the exit: it may show s, then exit
			return true
		}
		select {
		case <-c.done:
			if !strings.Contains(out.String(), s) {
				t.Fatalf("login exited %d before showing %q\nstdout: %s\nstderr: %s", c.code, s, c.stdout, c.stderr)
			}
			return true
		default:
		}
		return false
	}, func() string {
		return fmt.Sprintf("login did not show %q\nstdout: %s\nstderr: %s", s, c.stdout, c.stderr)
	})
}

func (c *interactive) answer(t *testing.T, s string) {
	t.Helper()
	if _, err := c.master.Write([]byte(s + "\n")); err != nil {
		t.Fatal(err)
	}
}

// exit waits for the process to exit. Where it must exit "at once" (Ctrl-C
// at a prompt), that it comes at all is the test; how soon is for a
// benchmark.
func (c *interactive) exit(t *testing.T) int {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	select {
	case <-c.done:
		return c.code
	case <-ctx.Done():
		t.Fatalf("login still running after Ctrl-C\nstdout: %s\nstderr: %s", c.stdout, c.stderr)
		return 0
	}
}

// TestLoginInterrupted: Ctrl-C at any prompt of `persona login` exits 130
// at once, without a trace, leaves the terminal echoing, stores no session,
// leaves no empty database and deletes the QR code's PNG.
func TestLoginInterrupted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  setup
		qr     bool
		prompt func(t *testing.T, c *interactive)
	}{
		{name: "phone", prompt: func(t *testing.T, c *interactive) { c.waitFor(t, c.stderr, "Phone number") }},
		{name: "code", prompt: func(t *testing.T, c *interactive) {
			c.waitFor(t, c.stderr, "Phone number")
			c.answer(t, phone)
			c.waitFor(t, c.stderr, "Login code")
		}},
		{name: "password", setup: setup{password: true, phoneInConfig: true}, prompt: func(t *testing.T, c *interactive) {
			c.waitFor(t, c.stderr, "Login code")
			c.answer(t, loginCode)
			c.waitFor(t, c.stderr, "2FA password")
		}},
		{name: "QR code", qr: true, prompt: func(t *testing.T, c *interactive) { c.waitFor(t, c.stdout, "also saved as") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, tt.setup)
			args := []string{"login"}
			if tt.qr {
				args = append(args, "-qr")
			}
			c := w.startInteractive(t, args...)
			tt.prompt(t, c)
			if err := c.cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			code := c.exit(t)
			out, errOut := c.stdout.String(), c.stderr.String()
			if code != 130 {
				t.Fatalf("exit %d after Ctrl-C, want 130\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			for _, trace := range []string{"panic", "goroutine", "persona:", "error", "logged in"} {
				if strings.Contains(out+errOut, trace) {
					t.Errorf("output after Ctrl-C has %q\nstdout: %s\nstderr: %s", trace, out, errOut)
				}
			}
			noSecrets(t, out+errOut)
			if tio, err := unix.IoctlGetTermios(int(c.tty.Fd()), unix.TCGETS); err != nil || tio.Lflag&unix.ECHO == 0 {
				t.Errorf("the terminal does not echo after Ctrl-C (%v)", err)
			}
			if _, err := os.Stat(filepath.Join(w.dir, "login-qr.png")); !os.IsNotExist(err) {
				t.Errorf("login-qr.png is still there after Ctrl-C (%v)", err)
			}
			if _, err := os.Stat(filepath.Join(w.dir, "persona.db")); !os.IsNotExist(err) {
				t.Errorf("an interrupted first login left persona.db behind (%v)", err)
			}
			if _, errOut, code := w.persona(t, "", "run", "-config", w.config); code != 2 {
				t.Errorf("run after an interrupted login: exit %d, want 2 (not logged in)\nstderr: %s", code, errOut)
			}
		})
	}
}

// closedPort is a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// silentServer accepts connections and never answers, like a wrong port
// or a middlebox that swallows the traffic.
func silentServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().String()
}

// pointAt makes the world's config use addr as the server.
func pointAt(t *testing.T, w *world, addr string) {
	t.Helper()
	b, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(b), w.emu.Addr(), addr, 1)
	if cfg == string(b) {
		t.Fatalf("the config does not name the emulator's address %s:\n%s", w.emu.Addr(), b)
	}
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestLoginUnreachable: a login against a server it cannot reach fails
// within 30 s (the harness's limit for a login), naming the address and why.
func TestLoginUnreachable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		addr   func(t *testing.T) string
		reason string
	}{
		{"connection refused", closedPort, "connection refused"},
		{"no answer", silentServer, "no answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, setup{})
			addr := tt.addr(t)
			pointAt(t, w, addr)
			out, errOut, code := w.login(t, w.answers())
			if code == 0 || !strings.Contains(errOut, addr) || !strings.Contains(errOut, tt.reason) {
				t.Fatalf("exit %d, want a failure naming %s and %q\nstdout: %s\nstderr: %s", code, addr, tt.reason, out, errOut)
			}
			noSecrets(t, out+errOut)
		})
	}
}

// TestLoginFriction: a mistyped answer is asked for again, up to three
// times; a phone number without the country code gets a hint; errors are
// plain words.
func TestLoginFriction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  setup
		stdin  []string
		wantOK bool
		stderr []string // each in standard error
	}{
		{name: "code mistyped twice", stdin: []string{phone, "Wr0ng1", "Wr0ng2", loginCode}, wantOK: true,
			stderr: []string{"That code is wrong; try again (2 tries left)", "That code is wrong; try again (1 try left)"}},
		{name: "code mistyped three times", stdin: []string{phone, "Wr0ng1", "Wr0ng2", "Wr0ng3", loginCode},
			stderr: []string{"persona: wrong login code\n"}},
		{name: "phone without +", stdin: []string{strings.TrimPrefix(phone, "+"), phone, loginCode}, wantOK: true,
			stderr: []string{"international format: + and the country code first"}},
		{name: "phone with spaces", stdin: []string{"+1 555 000 1111", loginCode}, wantOK: true},
		{name: "password mistyped", setup: setup{password: true}, stdin: []string{phone, loginCode, "n0t-it", password}, wantOK: true,
			stderr: []string{"That password is wrong; try again"}},
		{name: "password mistyped three times", setup: setup{password: true}, stdin: []string{phone, loginCode, "n0t-1", "n0t-2", "n0t-3"},
			stderr: []string{"persona: wrong 2FA password\n"}},
		{name: "no answer", stdin: []string{phone},
			stderr: []string{`persona: no answer to "Login code (sent to your Telegram app)" on standard input` + "\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, tt.setup)
			out, errOut, code := w.login(t, strings.Join(tt.stdin, "\n")+"\n")
			noSecrets(t, out+errOut)
			if ok := code == 0 && strings.Contains(out, "logged in as"); ok != tt.wantOK {
				t.Fatalf("exit %d, want success %v\nstdout: %s\nstderr: %s", code, tt.wantOK, out, errOut)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			for _, chain := range []string{"callback", "auth flow", "get code", "login:"} {
				if strings.Contains(errOut, chain) {
					t.Errorf("stderr has the wrap chain %q, want plain words:\n%s", chain, errOut)
				}
			}
		})
	}
}
