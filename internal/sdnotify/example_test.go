package sdnotify_test

import (
	"context"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"go.uber.org/zap"

	"persona/internal/sdnotify"
)

// The daemon's life as systemd sees it: ready once connected, watchdog pings
// while the update loop makes progress, stopping on SIGTERM.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sd := sdnotify.New(zap.NewNop())

	var lastBeat atomic.Int64 // set by the update loop on every pass
	lastBeat.Store(time.Now().UnixNano())
	go sd.Watchdog(ctx, func() bool {
		return time.Since(time.Unix(0, lastBeat.Load())) < time.Minute
	})

	sd.Ready("logged in as Alice")
	<-ctx.Done()
	sd.Stopping()
}
