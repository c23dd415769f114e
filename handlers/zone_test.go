package handlers

import (
	"testing"
	"time"
)

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
