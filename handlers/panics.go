package handlers

import (
	"fmt"
	"runtime/debug"
	"sync"

	"go.uber.org/zap"
)

// goPanic carries a panic from a goroutine that a command started back to
// the goroutine that waits for it, where it is recovered like a panic of
// the command itself: unrecovered, it would end the whole daemon.
type goPanic struct {
	value any
	stack []byte // of the goroutine that panicked
}

func (p *goPanic) String() string {
	return fmt.Sprintf("%v\n\non a goroutine started by the command:\n%s", p.value, p.stack)
}

// panicCatcher keeps the first panic of a group of goroutines.
type panicCatcher struct {
	mu     sync.Mutex
	caught *goPanic
}

// catch is deferred by each goroutine of the group.
func (c *panicCatcher) catch() {
	if p := recover(); p != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.caught == nil {
			c.caught = &goPanic{value: p, stack: debug.Stack()}
		}
	}
}

// rethrow panics on the caller's goroutine, once the group is done, if any
// goroutine of it panicked.
func (c *panicCatcher) rethrow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.caught != nil {
		panic(c.caught)
	}
}

// survive runs one of the worker's own jobs (the check of the records, a
// timer) and turns a panic into an error, logged with its stack, so the
// worker goes on and the job is tried again later like any failed one.
func (r *Router) survive(job string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.lg.Error("Panic", zap.String("in", job), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			if gp, ok := p.(*goPanic); ok {
				p = gp.value
			}
			err = fmt.Errorf("panic in the %s: %v", job, p)
		}
	}()
	return f()
}
