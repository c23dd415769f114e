package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"persona/emulator"
)

// daemon is one `persona run` child process.
type daemon struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	stdout *syncBuffer
	done   chan struct{} // closed when the process has exited
	code   int           // its exit code, once done
	waited bool          // stop, kill or exit has consumed the exit
	seq    int           // the emulator's last event before the start
}

// startDaemon runs `persona run` and returns once it is ready: it has
// fetched the update state and logged Ready. Cleanup stops it with SIGTERM
// and fails the test unless it exits 0 within 10 s.
func (w *world) startDaemon(t testing.TB) *daemon {
	t.Helper()
	d := w.spawn(t)
	w.awaitReady(t, d)
	return d
}

// spawn starts the daemon without waiting for it to be ready.
func (w *world) spawn(t testing.TB) *daemon {
	t.Helper()
	d := &daemon{stderr: &syncBuffer{}, stdout: &syncBuffer{}, done: make(chan struct{}), seq: w.emu.LastSeq()}
	d.cmd = exec.Command(binary, "run", "-config", w.config)
	d.cmd.Dir = w.dir
	d.cmd.Env = append(os.Environ(), w.env...)
	d.cmd.Stdout, d.cmd.Stderr = d.stdout, d.stderr
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := d.cmd.Wait()
		var ee *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &ee):
			d.code = ee.ExitCode()
		default:
			d.code = -1
		}
		close(d.done)
	}()
	t.Cleanup(func() {
		if !d.waited {
			d.stop(t)
		}
	})
	return d
}

func (w *world) awaitReady(t testing.TB, d *daemon) {
	t.Helper()
	// Ready is logged once the update state is stored: only from then on is
	// what is written while the daemon is stopped caught up on the next start.
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(d.log(), `"msg":"Ready"`) {
		if d.exited() || time.Now().After(deadline) {
			t.Fatalf("daemon not ready (%s)\nstderr:\n%s", d.state(), d.log())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if w.runs++; w.runs > 1 {
		return // later starts resume the stored state without updates.getState
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := w.emu.WaitEvent(ctx, d.seq, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == "updates.getState" && ev.Err == nil && ev.UserID == w.me.ID
	})
	if err != nil {
		t.Fatalf("first start is Ready without a successful updates.getState\nstderr:\n%s", d.log())
	}
}

func (d *daemon) exited() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

func (d *daemon) state() string {
	if d.exited() {
		return fmt.Sprintf("exited %d", d.code)
	}
	return "still running"
}

func (d *daemon) log() string { return d.stderr.String() }

// stop sends SIGTERM and fails the test unless the daemon exits 0 within 10 s.
func (d *daemon) stop(t testing.TB) {
	t.Helper()
	d.waited = true
	if !d.exited() {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
	}
	select {
	case <-d.done:
		if d.code != 0 {
			t.Errorf("daemon exited %d after SIGTERM\nstderr:\n%s", d.code, d.log())
		}
	case <-time.After(10 * time.Second):
		_ = d.cmd.Process.Kill()
		<-d.done
		t.Errorf("daemon did not exit within 10 s of SIGTERM\nstderr:\n%s", d.log())
	}
}

// kill ends the daemon with SIGKILL, as a crash would.
func (d *daemon) kill(t *testing.T) {
	t.Helper()
	d.waited = true
	_ = d.cmd.Process.Kill()
	<-d.done
}

// exit waits up to timeout for the daemon to exit by itself and returns
// its exit code.
func (d *daemon) exit(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-d.done:
		d.waited = true
		return d.code
	case <-time.After(timeout):
		t.Fatalf("daemon still running after %s\nstderr:\n%s", timeout, d.log())
		return 0
	}
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
