package handlers

import (
	"testing"
)

func TestReplyRandomIDIsStableAndDistinct(t *testing.T) {
	a, b := replyRandomID(7, 100), replyRandomID(7, 100)
	if a != b {
		t.Fatalf("same command gave %d and %d", a, b)
	}
	if a == replyRandomID(7, 101) || a == replyRandomID(8, 100) {
		t.Fatal("different commands share a random_id")
	}
	if a < 0 {
		t.Fatalf("random_id %d is negative", a)
	}
}
