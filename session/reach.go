package session

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram/dcs"
	"github.com/gotd/td/transport"
)

// dialTimeout bounds one dial: without it a server behind a firewall that
// drops packets takes the system's TCP timeout (minutes). gotd bounds the
// key exchange that follows (35 s).
const dialTimeout = 10 * time.Second

// loginDials is how many failed connection attempts in a row end a login.
const loginDials = 3

// dialWatch reports how the primary connection's attempts go, which gotd
// only logs at info level: failed is called once for each attempt that
// fails before the server has answered, ok once the server answers. Its
// connections close when owner is done: gotd's reads heed only deadlines,
// so without it Ctrl-C waits for a silent server's timeout.
type dialWatch struct {
	dcs.Resolver
	owner  context.Context
	failed func(error)
	ok     func()
}

func (w dialWatch) Primary(ctx context.Context, dc int, list dcs.List) (transport.Conn, error) {
	conn, err := w.Resolver.Primary(ctx, dc, list)
	if err != nil {
		if w.owner.Err() == nil {
			w.failed(err)
		}
		return nil, err
	}
	c := &watchedConn{Conn: conn, w: w}
	c.stop = context.AfterFunc(w.owner, func() { _ = conn.Close() })
	return c, nil
}

type watchedConn struct {
	transport.Conn
	w                  dialWatch
	stop               func() bool
	answered, reported atomic.Bool
}

func (c *watchedConn) Recv(ctx context.Context, b *bin.Buffer) error {
	err := c.Conn.Recv(ctx, b)
	switch {
	case err == nil:
		if !c.answered.Swap(true) {
			c.w.ok()
		}
	case !c.answered.Load() && c.w.owner.Err() == nil && !c.reported.Swap(true):
		c.w.failed(err)
	}
	return err
}

func (c *watchedConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// unreachable is the error of a server that cannot be reached.
func unreachable(addr string, err error) error {
	return errors.Errorf("cannot reach Telegram at %s: %s", addr, reason(err))
}

// reason says in plain words why a dial failed.
func reason(err error) string {
	var errno syscall.Errno
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "no answer (timed out)"
	case errors.As(err, &dnsErr):
		return dnsErr.Error()
	case errors.As(err, &errno):
		return errno.Error() // "connection refused", "no route to host"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection"
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// loginWatch ends a login that cannot reach the server, through cancel.
type loginWatch struct {
	addr   string
	cancel context.CancelCauseFunc

	mu       sync.Mutex
	fails    int
	last     error
	answered bool // the server has answered once: reachable, if slow
}

func newLoginWatch(addr string, cancel context.CancelCauseFunc) *loginWatch {
	return &loginWatch{addr: addr, cancel: cancel}
}

func (w *loginWatch) wrap(ctx context.Context, r dcs.Resolver) dcs.Resolver {
	return dialWatch{Resolver: r, owner: ctx, failed: w.failed, ok: func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.fails = 0
		w.answered = true
	}}
}

func (w *loginWatch) failed(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.fails++
	w.last = err
	if w.fails >= loginDials {
		w.cancel(unreachable(w.addr, err))
	}
}

// timeout ends the login when the server has not answered in time.
func (w *loginWatch) timeout() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.answered {
		return
	}
	err := w.last
	if err == nil {
		err = context.DeadlineExceeded
	}
	w.cancel(unreachable(w.addr, err))
}

// runWatch logs the daemon's failed connection attempts at warn level;
// gotd keeps retrying with backoff, as a daemon should.
func runWatch(ctx context.Context, lg *zap.Logger, addr string, r dcs.Resolver) dcs.Resolver {
	var mu sync.Mutex
	fails := 0
	return dialWatch{Resolver: r, owner: ctx,
		failed: func(err error) {
			mu.Lock()
			fails++
			n := fails
			mu.Unlock()
			lg.Warn("Cannot reach Telegram; retrying", zap.String("address", addr), zap.String("reason", reason(err)), zap.Int("attempt", n))
		},
		ok: func() {
			mu.Lock()
			n := fails
			fails = 0
			mu.Unlock()
			if n > 0 {
				lg.Info("Reached Telegram", zap.String("address", addr), zap.Int("attempts", n+1))
			}
		},
	}
}

// quietCancelled drops gotd's warnings and errors about a call or a loop
// that was only cancelled: the connection it ran on ended, or the client is
// stopping. Why the connection ended is logged by runWatch, once, at warn;
// without this a daemon that cannot reach the server logs "Got error on
// self: wait for reconnect: context canceled" on every attempt, and one
// stopped during its start-up "get difference error: context canceled".
// Once stopped is closed, answers to the calls it abandoned are expected.
type quietCancelled struct {
	zapcore.Core
	stopped <-chan struct{} // nil: never
}

func (c quietCancelled) With(fs []zapcore.Field) zapcore.Core {
	return quietCancelled{c.Core.With(fs), c.stopped}
}

// Enabled: gotd's own messages from WARN up; below, gotd logs every call.
func (c quietCancelled) Enabled(l zapcore.Level) bool {
	return l >= zapcore.WarnLevel && c.Core.Enabled(l)
}

func (c quietCancelled) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if strings.HasPrefix(e.Message, "rpc callback not set") {
		if c.isStopped() || !c.Core.Enabled(zapcore.DebugLevel) {
			return ce
		}
		e.Level = zapcore.DebugLevel // bookkeeping: see gotdLogger
		return ce.AddCore(e, c)
	}
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c quietCancelled) Write(e zapcore.Entry, fs []zapcore.Field) error {
	for _, f := range fs {
		err, ok := f.Interface.(error)
		if !ok || f.Type != zapcore.ErrorType {
			continue
		}
		// Once stopping, a call abandoned on its closing connection fails
		// with the connection, e.g. the start-up's getDifference.
		if errors.Is(err, context.Canceled) || (c.isStopped() && (errors.Is(err, net.ErrClosed) || errors.Is(err, io.EOF))) {
			return nil
		}
	}
	return c.Core.Write(e, fs)
}

func (c quietCancelled) isStopped() bool {
	select {
	case <-c.stopped:
		return true
	default:
		return false
	}
}
