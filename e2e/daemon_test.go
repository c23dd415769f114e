package e2e_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"

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
// and fails the test unless it exits 0.
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
	bin := binary
	if w.daemonBinary != "" {
		bin = w.daemonBinary
	}
	d.cmd = exec.Command(bin, "run", "-config", w.config)
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
	eventually(t, func() bool {
		if d.exited() {
			t.Fatalf("daemon exited %d before it was ready\nstderr:\n%s", d.code, d.log())
		}
		return strings.Contains(d.log(), `"msg":"Ready"`)
	}, func() string { return fmt.Sprintf("daemon not ready (%s)\nstderr:\n%s", d.state(), d.log()) })
	if w.runs++; w.runs > 1 {
		return // later starts resume the stored state without updates.getState
	}
	// The event is logged before the answer is sent, so by Ready it is there.
	for _, ev := range w.emu.EventsAfter(d.seq) {
		if ev.Kind == emulator.EventRPC && ev.Method == "updates.getState" && ev.Err == nil && ev.UserID == w.me.ID {
			return
		}
	}
	t.Fatalf("first start is Ready without a successful updates.getState\nstderr:\n%s", d.log())
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

// stop sends SIGTERM, waits for the daemon to exit and fails the test
// unless it exits 0.
func (d *daemon) stop(t testing.TB) {
	t.Helper()
	d.waited = true
	if !d.exited() {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
	}
	if !d.await(t) {
		_ = d.cmd.Process.Kill()
		<-d.done
		t.Errorf("daemon did not exit after SIGTERM\nstderr:\n%s", d.log())
		return
	}
	if d.code != 0 {
		t.Errorf("daemon exited %d after SIGTERM\nstderr:\n%s", d.code, d.log())
	}
}

// await waits for the daemon to exit, within patience; false if it did not.
func (d *daemon) await(t testing.TB) bool {
	ctx, cancel := patience(t)
	defer cancel()
	select {
	case <-d.done:
		return true
	case <-ctx.Done():
		return false
	}
}

// kill ends the daemon with SIGKILL, as a crash would.
func (d *daemon) kill(t *testing.T) {
	t.Helper()
	d.waited = true
	_ = d.cmd.Process.Kill()
	<-d.done
}

// exit waits for the daemon to exit by itself and returns its exit code.
func (d *daemon) exit(t *testing.T) int {
	t.Helper()
	if !d.await(t) {
		t.Fatalf("daemon still running\nstderr:\n%s", d.log())
	}
	d.waited = true
	return d.code
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
