// Package gopanic carries a panic from a goroutine back to the goroutine
// that waits for it, where a recover can answer it: unrecovered on the
// goroutine it happened on, it would end the whole daemon.
package gopanic

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// Panic is a panic caught on another goroutine, with that goroutine's stack.
type Panic struct {
	Value any
	Where string // the goroutine it happened on, e.g. "a part worker"
	Stack []byte
}

func (p *Panic) String() string {
	return fmt.Sprintf("%v\n\non %s:\n%s", p.Value, p.Where, p.Stack)
}

// Catcher keeps the first panic of a group of goroutines.
type Catcher struct {
	Where string // names the group's goroutines in the Panic

	mu     sync.Mutex
	caught *Panic
}

// Catch must be deferred directly by each goroutine of the group. After a
// panic it calls then, when not nil, e.g. to stop the rest of the group.
func (c *Catcher) Catch(then func()) {
	p := recover()
	if p == nil {
		return
	}
	c.mu.Lock()
	if c.caught == nil {
		c.caught = &Panic{Value: p, Where: c.Where, Stack: debug.Stack()}
	}
	c.mu.Unlock()
	if then != nil {
		then()
	}
}

// Rethrow panics with the caught *Panic on the caller's goroutine, once the
// group is done, if any goroutine of it panicked.
func (c *Catcher) Rethrow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.caught != nil {
		panic(c.caught)
	}
}

// Value unwraps a recovered value: the original value of a carried Panic.
func Value(p any) any {
	if gp, ok := p.(*Panic); ok {
		return gp.Value
	}
	return p
}
