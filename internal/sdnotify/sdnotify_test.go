package sdnotify

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

// fakeSystemd is the receiving end of NOTIFY_SOCKET.
type fakeSystemd struct {
	t    *testing.T
	conn *net.UnixConn
}

// listen creates a notify socket and points NOTIFY_SOCKET at it, with the
// watchdog set to usec microseconds for this process (0: no watchdog).
func listen(t *testing.T, usec int) *fakeSystemd {
	t.Helper()
	// t.TempDir can exceed the ~108-byte limit of a socket path.
	dir, err := os.MkdirTemp("", "sd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	path := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	t.Setenv("NOTIFY_SOCKET", path)
	t.Setenv("WATCHDOG_USEC", "")
	t.Setenv("WATCHDOG_PID", "")
	if usec > 0 {
		t.Setenv("WATCHDOG_USEC", strconv.Itoa(usec))
		t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	}
	return &fakeSystemd{t: t, conn: conn}
}

// recv returns the next datagram, or false when none comes within wait.
func (s *fakeSystemd) recv(wait time.Duration) (string, bool) {
	s.t.Helper()
	buf := make([]byte, 4096)
	if err := s.conn.SetReadDeadline(time.Now().Add(wait)); err != nil {
		s.t.Fatal(err)
	}
	n, err := s.conn.Read(buf)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "", false
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return string(buf[:n]), true
}

// drain discards what is already queued.
func (s *fakeSystemd) drain() {
	s.t.Helper()
	for {
		if _, ok := s.recv(10 * time.Millisecond); !ok {
			return
		}
	}
}

func (s *fakeSystemd) expect(want string) {
	s.t.Helper()
	deadline, ok := s.t.Deadline()
	wait := time.Until(deadline) - 5*time.Second
	if !ok {
		wait = time.Hour // a datagram that must come: wait for it
	}
	got, ok := s.recv(wait)
	if !ok {
		s.t.Fatalf("no datagram, want %q", want)
	}
	if got != want {
		s.t.Fatalf("got %q, want %q", got, want)
	}
}

func (s *fakeSystemd) expectNone(wait time.Duration) {
	s.t.Helper()
	if got, ok := s.recv(wait); ok {
		s.t.Fatalf("unexpected datagram %q", got)
	}
}

func TestMessages(t *testing.T) {
	sd := listen(t, 0)
	n := New(zaptest.NewLogger(t))
	for _, tt := range []struct {
		name string
		call func()
		want string
	}{
		{"ready", func() { n.Ready("connected as Alice") }, "READY=1\nSTATUS=connected as Alice"},
		{"ready without status", func() { n.Ready("") }, "READY=1"},
		{"status", func() { n.Status("3 photos set") }, "STATUS=3 photos set"},
		{"status newline", func() { n.Status("a\nb") }, "STATUS=a b"},
		{"stopping", n.Stopping, "STOPPING=1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.call()
			sd.expect(tt.want)
		})
	}
	n.Status("")
	sd.expectNone(50 * time.Millisecond)
}

func TestOutsideSystemd(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	t.Setenv("WATCHDOG_USEC", "100000")
	t.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	n := New(nil)
	n.Ready("ready")
	n.Status("status")
	n.Stopping()
	if d := n.WatchdogInterval(); d != 0 {
		t.Fatalf("watchdog interval %v outside systemd", d)
	}
	returnsAtOnce(t, n)
}

func TestSocketGone(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", filepath.Join(t.TempDir(), "missing"))
	n := New(zaptest.NewLogger(t))
	n.Ready("ready") // logged at debug level, never fatal
	n.Stopping()
}
