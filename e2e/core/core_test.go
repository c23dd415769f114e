// Package core drives the built persona binary against the emulator: the
// smallest end-to-end proof of login, a command, its flags and bytes, the
// messages to ignore, and a command written while stopped.
package core_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "persona-e2e-*")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "persona")
	if out, err := exec.Command("go", "build", "-o", binary, "persona").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

type world struct {
	t              *testing.T
	emu            *emulator.Emulator
	me, alice, eve emulator.User
	dir, config    string
	daemon         *exec.Cmd
	stderr         *syncBuffer
}

func newWorld(t *testing.T) *world {
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	w := &world{t: t, emu: emu, dir: t.TempDir()}
	w.me = emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Owner", Phone: "+15550001111"}, Password: "pw-secret-42"})
	w.alice = emu.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice"})
	w.eve = emu.AddUser(emulator.UserSpec{FirstName: "Eve", Username: "eve"})
	emu.AddContact(w.me.ID, w.alice.ID)
	section, err := emu.WriteServerConfig(w.dir)
	if err != nil {
		t.Fatal(err)
	}
	w.config = filepath.Join(w.dir, "config.toml")
	cfg := "[telegram]\napp_id = 4242\napp_hash = \"hash-secret-0123\"\n\n" + section + "\n[storage]\npath = \"persona.db\"\n"
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) persona(stdin string, args ...string) (string, string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append(args, "-config", w.config)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

func (w *world) login() {
	out, errOut, code := w.persona("+15550001111\n12345\npw-secret-42\n", "login")
	if code != 0 || !strings.Contains(out, "logged in as Owner (id ") {
		w.t.Fatalf("login: code %d, out %q, err %q", code, out, errOut)
	}
}

func (w *world) start() {
	w.stderr = &syncBuffer{}
	w.daemon = exec.Command(binary, "run", "-config", w.config)
	w.daemon.Stderr = w.stderr
	if err := w.daemon.Start(); err != nil {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Ready is logged once the update state is stored: from then on, what
	// is written while it is stopped is caught up on the next start.
	for !strings.Contains(w.stderr.String(), `"msg":"Ready"`) {
		if ctx.Err() != nil {
			w.t.Fatalf("daemon never logged Ready:\n%s", w.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
	w.t.Cleanup(func() { w.stop() })
}

func (w *world) stop() {
	if w.daemon == nil {
		return
	}
	_ = w.daemon.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- w.daemon.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			w.t.Errorf("daemon exit: %v\n%s", err, w.stderr)
		}
	case <-time.After(10 * time.Second):
		_ = w.daemon.Process.Kill()
		w.t.Errorf("daemon did not stop on SIGTERM")
	}
	w.daemon = nil
}

// reply waits for exactly one reply to the command.
func (w *world) reply(id int) *tg.Message {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if r := w.emu.Replies(w.me.ID, id); len(r) > 0 {
			time.Sleep(300 * time.Millisecond)
			if r = w.emu.Replies(w.me.ID, id); len(r) != 1 {
				w.t.Fatalf("command %d got %d replies", id, len(r))
			}
			return r[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	w.t.Fatalf("no reply to %d\n%s", id, w.stderr)
	return nil
}

func (w *world) post(m emulator.Message) int {
	id, err := w.emu.Post(w.me.ID, m)
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// syncBuffer is a bytes.Buffer safe for the child's writes and our reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
