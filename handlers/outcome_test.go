package handlers

import (
	"strings"
	"testing"
	"time"
)

func TestOutcomeString(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    outcome
		want string
	}{
		{"one ok", done("@alice: personal photo set"), "✅ @alice: personal photo set"},
		{"one failed", failed("@bob is not in your contacts"), "❌ @bob is not in your contacts"},
		{"all ok", outcome{lines: []line{{true, "@a: set"}, {true, "@b: set"}}}, "✅ all 2 done\n✅ @a: set\n✅ @b: set"},
		{"mixed", outcome{lines: []line{{true, "@a: set"}, {false, "@eve is not in your contacts"}}}, "❌ 1 of 2 failed\n✅ @a: set\n❌ @eve is not in your contacts"},
		{"header ok", outcome{header: "2 contacts", lines: []line{{true, "• a"}, {true, "• b"}}}, "✅ 2 contacts\n• a\n• b"},
		{"header failed", outcome{header: "h", lines: []line{{false, "x"}}}, "❌ h\nx"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutcomeNeverStartsWithPrefix(t *testing.T) {
	for _, r := range []outcome{done("x"), failed("/x"), {header: "/h"}, {lines: []line{{true, "/a"}, {false, "/b"}}}} {
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
		j, ok := q.pop(time.Now(), nil)
		if !ok {
			break
		}
		got = append(got, j.msgID)
	}
	if len(got) != 3 || got[0] != 10 || got[1] != 20 || got[2] != 30 {
		t.Fatalf("popped %v, want [10 20 30]", got)
	}
}

func TestRoughDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{40 * time.Second, "40 s"},
		{5*time.Minute + 10*time.Second, "5 min"},
		{2 * time.Hour, "2 h"},
		{2*time.Hour + 20*time.Second, "2 h"},
		{90 * time.Minute, "1 h 30 min"},
		{50 * time.Hour, "50 h"},
	}
	for _, tt := range tests {
		if got := roughDuration(tt.d); got != tt.want {
			t.Errorf("roughDuration(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestClockTime(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if got := clockTime(now, now.Add(4*time.Hour+5*time.Minute)); got != "14:05 UTC" {
		t.Errorf("same day: %q", got)
	}
	if got := clockTime(now, now.Add(20*time.Hour)); got != "2026-11-23 06:00 UTC" {
		t.Errorf("next day: %q", got)
	}
	// A moment stored in another zone is shown in now's: 23:30 in Kathmandu
	// (UTC+5:45) is 17:45 UTC, the same day.
	kathmandu, err := time.LoadLocation("Asia/Kathmandu")
	if err != nil {
		t.Skip(err)
	}
	if got := clockTime(now, time.Date(2026, 11, 22, 23, 30, 0, 0, kathmandu)); got != "17:45 UTC" {
		t.Errorf("other zone: %q", got)
	}
}

// TestZone: moments show in the configured zone, with its name.
func TestZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	at := time.Date(2026, 12, 7, 18, 17, 0, 0, time.UTC)
	for _, tt := range []struct {
		z    zone
		want string
	}{
		{zone{time.UTC}, "2026-12-07 18:17 UTC"},
		{zone{berlin}, "2026-12-07 19:17 CET"},
		{zone{time.FixedZone("", 3*3600)}, "2026-12-07 21:17 +0300"},
	} {
		if got := tt.z.at(at); got != tt.want {
			t.Errorf("zone %v: %q, want %q", tt.z.loc, got, tt.want)
		}
	}
}
