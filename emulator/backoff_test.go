package emulator_test

import (
	"time"

	"github.com/cenkalti/backoff/v4"
)

func fastBackoff() backoff.BackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 50 * time.Millisecond
	b.MaxInterval = 500 * time.Millisecond
	b.MaxElapsedTime = 0
	return b
}
