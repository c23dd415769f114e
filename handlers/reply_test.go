package handlers

import (
	"strings"
	"testing"
)

func TestReplyString(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    reply
		want string
	}{
		{"one ok", done("@alice: personal photo set"), "✅ @alice: personal photo set"},
		{"one failed", failed("@bob is not in your contacts"), "❌ @bob is not in your contacts"},
		{"all ok", reply{lines: []line{{true, "@a: set"}, {true, "@b: set"}}}, "✅ all 2 done\n✅ @a: set\n✅ @b: set"},
		{"mixed", reply{lines: []line{{true, "@a: set"}, {false, "@eve is not in your contacts"}}}, "❌ 1 of 2 failed\n✅ @a: set\n❌ @eve is not in your contacts"},
		{"header ok", reply{header: "2 contacts", lines: []line{{true, "• a"}, {true, "• b"}}}, "✅ 2 contacts\n• a\n• b"},
		{"header failed", reply{header: "h", lines: []line{{false, "x"}}}, "❌ h\nx"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReplyNeverStartsWithPrefix(t *testing.T) {
	for _, r := range []reply{done("x"), failed("/x"), {header: "/h"}, {lines: []line{{true, "/a"}, {false, "/b"}}}} {
		s := r.String()
		if !strings.HasPrefix(s, "✅") && !strings.HasPrefix(s, "❌") {
			t.Errorf("reply %q starts with neither ✅ nor ❌", s)
		}
	}
}

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

func TestQueuePopsOldestFirst(t *testing.T) {
	q := newQueue()
	for _, id := range []int{30, 10, 20} {
		q.push(job{msgID: id})
	}
	q.push(job{msgID: 10}) // a duplicate is one job
	var got []int
	for {
		j, ok := q.pop()
		if !ok {
			break
		}
		got = append(got, j.msgID)
	}
	if len(got) != 3 || got[0] != 10 || got[1] != 20 || got[2] != 30 {
		t.Fatalf("popped %v, want [10 20 30]", got)
	}
}
