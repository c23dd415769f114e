package emulator_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestLimit: past its burst a limited method answers FLOOD_WAIT_X with the
// seconds until the bucket lets a call through again; a refused call does
// not count, other methods are not limited, and the bucket refills.
func TestLimit(t *testing.T) {
	t.Parallel()
	// The emulator's clock stands still but for skew: the waits it answers
	// do not depend on how fast the machine is.
	var skew atomic.Int64
	base := time.Now()
	e := start(t, emulator.Options{Now: func() time.Time { return base.Add(time.Duration(skew.Load())) }})
	_, c := loggedIn(t, e)
	ctx := testContext(t)
	e.Limit("messages.sendMessage", 0.5, 2) // 2 at once, then one every 2 s
	send := func(i int64) error {
		_, err := c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: "hi", RandomID: i})
		return err
	}
	for i := range int64(2) {
		if err := send(i + 1); err != nil {
			t.Fatalf("call %d within the burst: %v", i+1, err)
		}
	}
	for range 2 {
		if d, ok := tgerr.AsFloodWait(send(3)); !ok || d != 2*time.Second {
			t.Fatalf("call past the burst: wait %s, %v; want FLOOD_WAIT_2", d, ok)
		}
	}
	if _, err := c.api.UpdatesGetState(ctx); err != nil {
		t.Fatalf("another method: %v", err)
	}
	skew.Add(int64(2 * time.Second))
	if err := send(4); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	e.Limit("messages.sendMessage", 0, 0)
	for i := range int64(5) {
		if err := send(10 + i); err != nil {
			t.Fatalf("limit removed, yet %v", err)
		}
	}
}
