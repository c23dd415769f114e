package daemon

import (
	"os"
	"time"

	"github.com/go-faster/errors"
)

// clock is the daemon's idea of now. PERSONA_CLOCK_SKEW (a Go duration,
// e.g. "2h") moves it, so tests of the built binary can make timers fall due
// without waiting; it is a testing knob and not part of the interface.
func clock() (func() time.Time, error) {
	v := os.Getenv("PERSONA_CLOCK_SKEW")
	if v == "" {
		return time.Now, nil
	}
	skew, err := time.ParseDuration(v)
	if err != nil {
		return nil, errors.Wrap(err, "PERSONA_CLOCK_SKEW")
	}
	return func() time.Time { return time.Now().Add(skew) }, nil
}
