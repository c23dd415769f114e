package session

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

func TestDropRetry(t *testing.T) {
	brokenPipe := fmt.Errorf("rpcDoRequest: retryUntilAck: send: write: %w",
		&net.OpError{Op: "write", Net: "tcp", Err: syscall.EPIPE})
	engineClosed := fmt.Errorf("rpcDoRequest: engine forcibly closed: %w", context.Canceled)
	for _, tt := range []struct {
		name  string
		errs  []error
		calls int
		fails bool
	}{
		{"answer lost with the connection", []error{engineClosed}, 2, false},
		{"write on a closing connection", []error{brokenPipe, brokenPipe}, 3, false},
		{"Telegram's error is an answer", []error{tgerr.New(400, "CONTACT_MISSING")}, 1, true},
		{"any other error is not the network", []error{errors.New("decode: bad")}, 1, true},
		{"the network stays down", repeat(engineClosed, droppedRetries+5), droppedRetries + 1, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			next := &scripted{errs: tt.errs}
			err := fastDropRetry().Handle(next)(context.Background(), &tg.HelpGetConfigRequest{}, nil)
			if next.calls != tt.calls || (err != nil) != tt.fails {
				t.Fatalf("%d calls, error %v; want %d calls, failing %v", next.calls, err, tt.calls, tt.fails)
			}
		})
	}
}

// TestDropRetryStopsWithTheCaller: a caller that gave up is not kept
// waiting, and its own cancellation is not taken for the connection's.
func TestDropRetryStopsWithTheCaller(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	next := &scripted{errs: []error{context.Canceled}}
	if err := fastDropRetry().Handle(next)(ctx, &tg.HelpGetConfigRequest{}, nil); !errors.Is(err, context.Canceled) || next.calls != 1 {
		t.Fatalf("%d calls, error %v; want one call and the caller's cancellation", next.calls, err)
	}
}

// fastDropRetry pauses a millisecond between attempts.
func fastDropRetry() *dropRetry {
	return &dropRetry{lg: zap.NewNop(), firstGap: time.Millisecond, most: time.Millisecond}
}

func repeat(err error, n int) []error {
	out := make([]error, n)
	for i := range out {
		out[i] = err
	}
	return out
}
