package emulator

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/gotd/td/proto/codec"
)

// readyListener hands tgtest only connections that already sent their
// transport header. tgtest detects the codec inside Accept, and a client that
// closes before its first byte makes that Accept fail, which stops Serve for
// everyone (docs/ARCHITECTURE.md, "A client that closes at once stops
// Serve"). Here such a client is just dropped.
//
// It also closes every connection it accepted when it is closed: tgtest's
// read loops ignore cancellation and would hold Close for ReadTimeout.
type readyListener struct {
	net.Listener
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once

	mu     sync.Mutex
	live   map[*trackedConn]struct{} // nil once closed
	served int                       // connections handed to tgtest
}

func newReadyListener(l net.Listener) *readyListener {
	r := &readyListener{Listener: l, conns: make(chan net.Conn), closed: make(chan struct{}), live: map[*trackedConn]struct{}{}}
	go r.acceptLoop()
	return r
}

// track registers c to be closed with the listener; false if already closed.
func (r *readyListener) track(c *trackedConn) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.live == nil {
		return false
	}
	r.live[c] = struct{}{}
	return true
}

func (r *readyListener) untrack(c *trackedConn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.live, c)
}

// trackedConn leaves the listener's set when closed.
type trackedConn struct {
	net.Conn
	r *readyListener
}

func (t *trackedConn) Close() error {
	t.r.untrack(t)
	return t.Conn.Close()
}

func (r *readyListener) acceptLoop() {
	for {
		c, err := r.Listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				_ = r.Close()
				return
			}
			// Out of descriptors and the like pass: keep serving, as
			// net/http does, rather than stop for every client.
			time.Sleep(10 * time.Millisecond)
			continue
		}
		tc := &trackedConn{Conn: c, r: r}
		if !r.track(tc) {
			_ = c.Close()
			return
		}
		go r.awaitHeader(tc)
	}
}

// awaitHeader reads the bytes tgtest's codec detection needs: one for the
// abridged transport, four otherwise.
func (r *readyListener) awaitHeader(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	head := make([]byte, 4)
	if _, err := io.ReadFull(c, head[:1]); err != nil {
		_ = c.Close()
		return
	}
	n := 1
	if head[0] != codec.AbridgedClientStart[0] {
		if _, err := io.ReadFull(c, head[1:]); err != nil {
			_ = c.Close()
			return
		}
		n = 4
	}
	_ = c.SetReadDeadline(time.Time{})
	select {
	case r.conns <- &prefixedConn{Conn: c, r: io.MultiReader(bytes.NewReader(head[:n]), c)}:
	case <-r.closed:
		_ = c.Close()
	}
}

func (r *readyListener) Accept() (net.Conn, error) {
	select {
	case c := <-r.conns:
		r.mu.Lock()
		r.served++
		r.mu.Unlock()
		return c, nil
	case <-r.closed:
		return nil, net.ErrClosed
	}
}

func (r *readyListener) Close() error {
	r.closeOnce.Do(func() {
		close(r.closed)
		_ = r.Listener.Close()
		r.mu.Lock()
		live := r.live
		r.live = nil
		r.mu.Unlock()
		for c := range live {
			_ = c.Conn.Close()
		}
	})
	return nil
}

// prefixedConn replays the header bytes read before Accept.
type prefixedConn struct {
	net.Conn
	r io.Reader
}

func (p *prefixedConn) Read(b []byte) (int, error) { return p.r.Read(b) }
