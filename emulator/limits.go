package emulator

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/gotd/td/tgerr"
)

// limits are flood limits per account and method, as Telegram keeps them:
// a bucket of calls that refills at a steady rate; a call that finds it
// empty is answered FLOOD_WAIT_X, X the seconds until one would pass.
type limits struct {
	mu      sync.Mutex
	rules   map[string]limitRule
	buckets map[limitKey]*bucket
}

type limitRule struct {
	rate  float64 // calls a second
	burst float64 // calls at once
}

type limitKey struct {
	method string
	userID int64
}

type bucket struct {
	tokens float64
	at     time.Time
}

// Limit lets each account call method burst times at once and then rate
// times a second; a call beyond that gets FLOOD_WAIT_X and does not count.
// A rate of 0 removes the limit. Method is the TL name, e.g.
// "messages.sendMessage".
func (e *Emulator) Limit(method string, rate float64, burst int) {
	l := &e.faults.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rules == nil {
		l.rules, l.buckets = map[string]limitRule{}, map[limitKey]*bucket{}
	}
	for k := range l.buckets {
		if k.method == method {
			delete(l.buckets, k)
		}
	}
	if rate <= 0 {
		delete(l.rules, method)
		return
	}
	l.rules[method] = limitRule{rate: rate, burst: float64(max(burst, 1))}
}

// take spends one call of the account's bucket, or says how long to wait.
func (l *limits) take(method string, userID int64, now time.Time) *tgerr.Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	rule, ok := l.rules[method]
	if !ok || userID == 0 {
		return nil
	}
	k := limitKey{method: method, userID: userID}
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: rule.burst, at: now}
		l.buckets[k] = b
	}
	b.tokens = min(rule.burst, b.tokens+now.Sub(b.at).Seconds()*rule.rate)
	b.at = now
	if b.tokens < 1 {
		wait := int(math.Ceil((1 - b.tokens) / rule.rate))
		return tgerr.New(420, fmt.Sprintf("FLOOD_WAIT_%d", max(wait, 1)))
	}
	b.tokens--
	return nil
}
