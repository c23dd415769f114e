package e2e_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"persona/emulator"
)

// TestSystemdNotify: under systemd (NOTIFY_SOCKET) the daemon says READY
// once it serves commands, pets the watchdog, and says STOPPING on SIGTERM.
func TestSystemdNotify(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	dir, err := os.MkdirTemp("", "sd") // unix socket paths are short
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w.env = []string{"NOTIFY_SOCKET=" + sock, "WATCHDOG_USEC=200000"}

	// The reader never blocks: a full socket would drop the daemon's
	// notifications (sd_notify does not wait), and WATCHDOG=1 comes every
	// 100 ms for as long as a loaded machine takes.
	var (
		mu   sync.Mutex
		msgs []string
	)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			mu.Lock()
			msgs = append(msgs, string(buf[:n]))
			mu.Unlock()
		}
	}()
	seen := 0
	next := func(want string) {
		t.Helper()
		eventually(t, func() bool {
			mu.Lock()
			defer mu.Unlock()
			for ; seen < len(msgs); seen++ {
				if strings.Contains(msgs[seen], want) {
					seen++
					return true
				}
			}
			return false
		}, func() string { return fmt.Sprintf("no %q notification", want) })
	}
	d := w.startDaemon(t)
	next("READY=1")
	next("WATCHDOG=1")
	next("WATCHDOG=1")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	next("STOPPING=1")
}

// TestLogReopenOnHUP: with a log file, SIGHUP makes the daemon write to a
// fresh file at the same path after logrotate moved the old one away.
func TestLogReopenOnHUP(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	logFile := filepath.Join(w.dir, "persona.log")
	f, err := os.OpenFile(w.config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n[log]\nfile = \"persona.log\"\n"); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	d := w.spawn(t)
	waitFile(t, logFile, `"msg":"Ready"`)
	if err := os.Rename(logFile, logFile+".1"); err != nil {
		t.Fatal(err)
	}
	if err := d.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFile(t, logFile, "log file reopened")
	w.post(t, emulator.Message{Text: "/status"})
	waitFile(t, logFile, `"command":"/status"`)
	old, _ := os.ReadFile(logFile + ".1")
	if strings.Contains(string(old), `"command":"/status"`) {
		t.Error("the command after SIGHUP was logged to the rotated file")
	}
	d.stop(t)
}

func waitFile(t *testing.T, path, want string) {
	t.Helper()
	eventually(t, func() bool {
		b, err := os.ReadFile(path)
		return err == nil && strings.Contains(string(b), want)
	}, func() string {
		b, _ := os.ReadFile(path)
		return fmt.Sprintf("%s does not contain %q:\n%s", path, want, b)
	})
}
