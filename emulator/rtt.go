package emulator

import (
	"sync/atomic"
	"time"
)

// rtt is the round trip every RPC answer waits for, as a client far from
// Telegram sees it: the request is handled (and logged) when it arrives,
// the answer leaves one RTT later. Pushes that no request caused are not
// delayed; those a request queued follow its answer, as on Telegram.
type rtt struct{ d atomic.Int64 }

// SetRTT delays every RPC answer by d from now on; zero is loopback, the
// default. The delay never holds up the connection's read loop, so
// requests sent together are answered together, one RTT later.
func (e *Emulator) SetRTT(d time.Duration) { e.rtt.d.Store(int64(max(d, 0))) }

// RTT is the delay SetRTT or Options.RTT set.
func (e *Emulator) RTT() time.Duration { return time.Duration(e.rtt.d.Load()) }

// answerLater sends an answer after the RTT, off the caller's goroutine,
// or at once on loopback.
func (e *Emulator) answerLater(send func() error) error {
	d := e.RTT()
	if d <= 0 {
		return send()
	}
	go func() {
		<-e.faultTimer(d)
		_ = send() // the connection may be gone by then, as after a Delay
	}()
	return nil
}
