package media

import (
	"context"
	"testing"
)

// TestPartSlots: a full set of slots makes the next part wait, and an
// ended context stops the wait.
func TestPartSlots(t *testing.T) {
	s := newPartSlots(2)
	ctx, cancel := context.WithCancel(context.Background())
	for i := range 2 {
		if !s.take(ctx) {
			t.Fatalf("free slot %d not taken", i+1)
		}
	}
	got := make(chan bool)
	go func() { got <- s.take(ctx) }()
	s.give()
	if !<-got {
		t.Fatal("a slot given back was not taken by the part waiting for it")
	}
	cancel()
	if s.take(ctx) {
		t.Fatal("a slot taken with every slot in use and the context ended")
	}
}
