package media

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
)

// errPanicked stops the other workers of a group once one has panicked.
var errPanicked = errors.New("a worker panicked")

// workerPanic carries a worker's panic, with the worker's stack, back to
// the goroutine that waits for the group: there the command's own recover
// answers it, where unrecovered on the worker it would end the daemon.
type workerPanic struct {
	value any
	stack []byte
}

func (p *workerPanic) String() string {
	return fmt.Sprintf("%v\n\non a part worker:\n%s", p.value, p.stack)
}

// panicCatcher keeps the first panic of a group of workers.
type panicCatcher struct {
	mu     sync.Mutex
	caught *workerPanic
}

// catch is deferred by each worker; it stops the group through cancel.
func (c *panicCatcher) catch(cancel context.CancelCauseFunc) {
	if p := recover(); p != nil {
		c.mu.Lock()
		if c.caught == nil {
			c.caught = &workerPanic{value: p, stack: debug.Stack()}
		}
		c.mu.Unlock()
		cancel(errPanicked)
	}
}

// rethrow panics on the caller's goroutine, once the group is done, if a
// worker panicked.
func (c *panicCatcher) rethrow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.caught != nil {
		panic(c.caught)
	}
}
