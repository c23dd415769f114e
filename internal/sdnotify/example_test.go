package sdnotify_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"go.uber.org/zap"

	"persona/internal/sdnotify"
)

// The daemon's life as systemd sees it: ready once connected, watchdog pings
// while the update loop makes progress, stopping on SIGTERM. Here the
// example plays systemd's part: the socket and environment it would give
// the daemon, and the messages it reads.
func Example() {
	systemd := fakeSystemd(200 * time.Millisecond)
	defer systemd.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sd := sdnotify.New(zap.NewNop())

	var lastBeat atomic.Int64 // set by the update loop on every pass
	lastBeat.Store(time.Now().UnixNano())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		sd.Watchdog(ctx, func() bool {
			return time.Since(time.Unix(0, lastBeat.Load())) < time.Minute
		})
	}()

	sd.Ready("logged in as Alice")
	fmt.Println(systemd.read())
	fmt.Println(systemd.read()) // the first ping, after half the watchdog interval

	stop() // as SIGTERM would
	<-watched
	sd.Stopping()
	for msg := systemd.read(); msg != "STOPPING=1"; msg = systemd.read() {
		// Pings sent before the stop.
	}
	fmt.Println("STOPPING=1")
	// Output:
	// READY=1
	// STATUS=logged in as Alice
	// WATCHDOG=1
	// STOPPING=1
}

// systemdSocket is the receiving end of NOTIFY_SOCKET.
type systemdSocket struct {
	conn *net.UnixConn
	dir  string
}

// fakeSystemd sets the environment systemd gives a Type=notify service
// with WatchdogSec=watchdog, and listens on its notify socket.
func fakeSystemd(watchdog time.Duration) *systemdSocket {
	dir, err := os.MkdirTemp("", "sd") // short: a socket path has ~108 bytes
	if err != nil {
		panic(err)
	}
	path := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		panic(err)
	}
	os.Setenv("NOTIFY_SOCKET", path)
	os.Setenv("WATCHDOG_USEC", strconv.FormatInt(watchdog.Microseconds(), 10))
	os.Setenv("WATCHDOG_PID", strconv.Itoa(os.Getpid()))
	return &systemdSocket{conn: conn, dir: dir}
}

// read waits for the next message.
func (s *systemdSocket) read() string {
	buf := make([]byte, 4096)
	n, err := s.conn.Read(buf)
	if err != nil {
		panic(err)
	}
	return string(buf[:n])
}

func (s *systemdSocket) Close() {
	for _, v := range []string{"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} {
		os.Unsetenv(v)
	}
	_ = s.conn.Close()
	_ = os.RemoveAll(s.dir)
}
