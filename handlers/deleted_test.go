package handlers

import "testing"

// TestRenewedRandomID: the reply sent after one was given up has a
// random_id of its own, so Telegram never takes it for the deleted one;
// none given up is the reply's own random_id, as before.
func TestRenewedRandomID(t *testing.T) {
	if renewedRandomID(7, 100, 0) != replyRandomID(7, 100) {
		t.Error("with nothing given up, the random_id changed")
	}
	seen := map[int64]bool{replyRandomID(7, 100, 1): true}
	for renewed := range 4 {
		id := renewedRandomID(7, 100, renewed)
		if seen[id] {
			t.Errorf("renewed %d shares a random_id", renewed)
		}
		if id != renewedRandomID(7, 100, renewed) || id < 0 {
			t.Errorf("renewed %d: random_id %d not stable or negative", renewed, id)
		}
		seen[id] = true
	}
}

// TestDeletionsKeepTheLatest: the latest deletions are kept, the oldest
// forgotten beyond deletionsKept.
func TestDeletionsKeepTheLatest(t *testing.T) {
	var d deletions
	for id := 1; id <= deletionsKept+10; id++ {
		d.add([]int{id})
	}
	d.add(nil)
	for _, tt := range []struct {
		id   int
		want bool
	}{{1, false}, {10, false}, {11, true}, {deletionsKept + 10, true}, {deletionsKept + 11, false}} {
		if got := d.has(tt.id); got != tt.want {
			t.Errorf("has(%d) = %v, want %v", tt.id, got, tt.want)
		}
	}
}
