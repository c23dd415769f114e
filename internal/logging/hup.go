package logging

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"go.uber.org/zap"
)

// WatchHUP calls reopen on every SIGHUP until ctx is done. Catching SIGHUP
// also keeps it from killing the process (`systemctl reload`, logrotate's
// postrotate), so start it early, before the slow start-up work.
func WatchHUP(ctx context.Context, reopen func() error, logger *zap.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		}
		if err := reopen(); err != nil {
			logger.Error("reopen log file", zap.Error(err))
			continue
		}
		logger.Info("log file reopened")
	}
}
