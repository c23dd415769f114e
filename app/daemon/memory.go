package daemon

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/internal/pageout"
)

// releaseStartupMemory, once serving, gives back what start-up no longer
// needs: its garbage (key exchange, state, catch-up) at once, the pages of
// the binary it faulted in a moment later.
func releaseStartupMemory(ctx context.Context, lg *zap.Logger) {
	debug.FreeOSMemory()
	go releaseStartupPages(ctx, lg)
}

// startupSettle is how long after Ready the start-up's own work (the
// catch-up's first read, the first check of the records) is left to run
// before its pages are released.
const startupSettle = time.Second

// releaseStartupPages hands back the pages of the binary that start-up
// mapped (see package pageout): the idle daemon's resident set goes from
// about 19 MiB to 6-8.
func releaseStartupPages(ctx context.Context, lg *zap.Logger) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(startupSettle):
	}
	releasePages(lg, "Start-up pages released", "Start-up pages kept")
}

// releasePages pages out the binary's pages (package pageout) and logs
// how many KiB that was under released, or why not under kept.
func releasePages(lg *zap.Logger, released, kept string) {
	n, err := pageout.Executable()
	if err != nil {
		lg.Debug(kept, zap.Error(err))
		return
	}
	lg.Debug(released, zap.Int64("kib", n>>10)) // housekeeping: DEBUG, not the user's business
}

// releaseWhenQuiet: once a burst of commands is over, what it left resident
// goes back to the system, so a daemon that lives for months idles small,
// not at the high-water mark of its last job: the heap's free pages
// (debug.FreeOSMemory) and the pages of the binary its code faulted in
// (package pageout). PERSONA_QUIET_AFTER (a Go duration) sets how long the
// worker must be quiet first; it is a testing knob, not part of the
// interface.
func releaseWhenQuiet(opts *Options, lg *zap.Logger) error {
	if v := os.Getenv("PERSONA_QUIET_AFTER"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.Errorf("PERSONA_QUIET_AFTER=%q: want a positive Go duration", v)
		}
		opts.QuietAfter = d
	}
	opts.OnQuiet = func() {
		// Two collections: the first moves what sync.Pools hold (media's
		// part buffers, 512 KiB each) to their victim caches, the second
		// (FreeOSMemory's) frees them and returns the heap's free pages.
		runtime.GC()
		debug.FreeOSMemory()
		releasePages(lg, "Memory released after work", "Memory released after work; pages kept")
	}
	return nil
}

// tuneGC: a daemon lives for months on small machines: trade a little CPU
// for a heap that grows half, not all, of its live size before collecting
// (peak memory of a 10 MiB video job). $GOGC still wins when set.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}
