package emulator

import (
	"context"
	"sync"

	"github.com/gotd/td/tgtest"
)

// drops are answers lost with the connection, injected per method.
type drops struct {
	mu sync.Mutex
	n  map[string]int
}

func newDrops() *drops { return &drops{n: map[string]int{}} }

// take reports whether this call of method loses its answer.
func (d *drops) take(method string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.n[method] == 0 {
		return false
	}
	d.n[method]--
	return true
}

// DropAnswer makes the next n calls of method lose their answer with the
// connection: the call is acknowledged and done, as Telegram would do it,
// and then the connection drops before the result is sent. The client
// does not know whether it was done; zero n cancels.
func (e *Emulator) DropAnswer(method string, n int) {
	e.drops.mu.Lock()
	defer e.drops.mu.Unlock()
	e.drops.n[method] = n
}

// dropAnswer acknowledges the request and drops its connection.
func (e *Emulator) dropAnswer(srv *tgtest.Server, req *tgtest.Request) error {
	if err := srv.SendAck(context.Background(), req.Session, req.MsgID); err != nil {
		return err
	}
	srv.ForceDisconnect(req.Session)
	return nil
}
