package session

import (
	"context"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// A call whose connection dropped under it is made again this many times,
// after pauses growing from the first gap to the longest; each attempt also
// waits for gotd to reconnect.
const (
	droppedRetries  = 10
	droppedFirstGap = 100 * time.Millisecond
	droppedMaxGap   = 2 * time.Second
)

// dropRetry makes a call again when the connection dropped under it.
// gotd repeats a request Telegram never acknowledged, but fails one that
// Telegram acknowledged and whose answer was lost with the connection
// ("engine forcibly closed: context canceled"), and one whose write met a
// connection already closing ("write: broken pipe"). Without this a
// moment's outage answers a command ❌. Persona's calls may be made twice:
// reads, file parts, setting the same photo again, and messages, whose
// random_id makes Telegram answer a repeat with the first. Only a
// suggestion may then show twice, which beats a ❌ for a done command.
type dropRetry struct {
	lg             *zap.Logger
	firstGap, most time.Duration
}

func newDropRetry(lg *zap.Logger) *dropRetry {
	return &dropRetry{lg: lg, firstGap: droppedFirstGap, most: droppedMaxGap}
}

// Handle implements telegram.Middleware.
func (d *dropRetry) Handle(next tg.Invoker) telegram.InvokeFunc {
	return func(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
		gap := d.firstGap
		for attempt := 1; ; attempt++ {
			err := next.Invoke(ctx, input, output)
			if attempt > droppedRetries || !connDropped(ctx, err) {
				return err
			}
			d.lg.Info("Connection dropped under a call; making it again",
				zap.String("method", methodName(input)), zap.Int("attempt", attempt), zap.String("error", err.Error()))
			t := time.NewTimer(gap)
			select {
			case <-ctx.Done():
				t.Stop()
				return err
			case <-t.C:
			}
			gap = min(2*gap, d.most)
		}
	}
}

// connDropped reports whether err is the connection's failure rather than
// Telegram's answer or the caller giving up.
func connDropped(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	if _, ok := tgerr.As(err); ok {
		return false
	}
	var op *net.OpError
	switch {
	case errors.Is(err, context.Canceled):
		// The caller's context is live: this is the connection's, closed
		// while the answer was awaited.
		return true
	case errors.As(err, &op), errors.Is(err, net.ErrClosed), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNRESET):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	return false
}
