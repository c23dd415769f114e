package emulator

import (
	"testing"
	"time"
)

// TestResends: a msg_id is taken once per session; another session's same
// msg_id is its own; old ones are forgotten when the memory fills.
func TestResends(t *testing.T) {
	r := newResends()
	now := time.Unix(1_800_000_000, 0)
	id := now.Unix() << 32
	if !r.first(1, id, now) || r.first(1, id, now) {
		t.Fatal("the same msg_id of one session taken twice, or not at all")
	}
	if !r.first(2, id, now) {
		t.Fatal("another session's msg_id taken for a resend")
	}
	later := now.Add(time.Hour)
	for i := range int64(4096) {
		r.first(3, later.Unix()<<32+i, later)
	}
	if r.seen[resendKey{1, id}] {
		t.Error("a msg_id of an hour ago is still remembered")
	}
}
