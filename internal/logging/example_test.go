package logging_test

import (
	"context"
	"os"

	"persona/internal/logging"
)

// A log file that logrotate can move away: SIGHUP reopens it.
func Example() {
	lg, err := logging.New("info", "/var/log/persona/persona.log", os.Stderr)
	if err != nil {
		panic(err)
	}
	defer lg.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go logging.WatchHUP(ctx, lg.Reopen, lg.Logger)
	lg.Info("started")
}
