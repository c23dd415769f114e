package sdnotify

import (
	"context"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
	"go.uber.org/zap"
)

// WatchdogInterval is WatchdogSec as systemd passed it; 0 when the watchdog
// is off (not under systemd, no WatchdogSec, or meant for another pid).
func (n *Notifier) WatchdogInterval() time.Duration {
	return n.watchdog
}

// Watchdog pings systemd every half WatchdogSec, as sd_watchdog_enabled(3)
// recommends, until ctx is done. It skips the ping whenever healthy returns
// false, so a wedged daemon misses its deadline and systemd restarts it.
// A nil healthy counts as always healthy. It returns at once when the
// watchdog is off.
func (n *Notifier) Watchdog(ctx context.Context, healthy func() bool) {
	if !n.enabled || n.watchdog <= 0 {
		return
	}
	t := time.NewTicker(n.watchdog / 2)
	defer t.Stop()
	wasHealthy := true
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok := healthy == nil || healthy()
		if ok != wasHealthy {
			// Logged once per change, not on every tick.
			if ok {
				n.logger.Info("healthy again; watchdog pings resumed")
			} else {
				n.logger.Warn("unhealthy; withholding watchdog pings", zap.Duration("restart_after_ms", n.watchdog))
			}
			wasHealthy = ok
		}
		if ok {
			n.send(daemon.SdNotifyWatchdog, "")
		}
	}
}
