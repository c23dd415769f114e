package command

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	const (
		notDuration = " is not a duration: use e.g. 30m, 12h, 7d"
		outside     = " is out of range: pick 1m to 366d"
		day         = 24 * time.Hour
	)
	for _, tc := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "30m", want: 30 * time.Minute},
		{in: "1m", want: time.Minute},
		{in: "12h", want: 12 * time.Hour},
		{in: "7d", want: 7 * day},
		{in: "1d12h", want: 36 * time.Hour},
		{in: "1d2h3m", want: day + 2*time.Hour + 3*time.Minute},
		{in: "1d30m", want: day + 30*time.Minute},
		{in: "90m", want: 90 * time.Minute},
		{in: "48h", want: 48 * time.Hour},
		{in: "7D", want: 7 * day},
		{in: "0d1m", want: time.Minute},
		{in: "007d", want: 7 * day},
		{in: "366d", want: 366 * day},
		{in: "365d24h", want: 366 * day},
		{in: "8784h", want: 366 * day},
		{in: "527040m", want: 366 * day},
		{in: "0m", err: "for=0m" + outside},
		{in: "0d0h0m", err: "for=0d0h0m" + outside},
		{in: "367d", err: "for=367d" + outside},
		{in: "366d1m", err: "for=366d1m" + outside},
		{in: "527041m", err: "for=527041m" + outside},
		{in: "99999999999999999999999d", err: "for=99999999999999999999999d" + outside},
		{in: "9223372036854775807m", err: "for=9223372036854775807m" + outside},
		{in: "7w", err: "for=7w" + notDuration},
		{in: "", err: "for=" + notDuration},
		{in: "7", err: "for=7" + notDuration},
		{in: "d", err: "for=d" + notDuration},
		{in: "30s", err: "for=30s" + notDuration},
		{in: "12h1d", err: "for=12h1d" + notDuration},
		{in: "1d1d", err: "for=1d1d" + notDuration},
		{in: "1.5h", err: "for=1.5h" + notDuration},
		{in: "-1h", err: "for=-1h" + notDuration},
		{in: "1h ", err: "for=1h " + notDuration},
		{in: "1d12", err: "for=1d12" + notDuration},
		{in: "forever", err: "for=forever" + notDuration},
	} {
		got, err := parseDuration(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parseDuration(%q) error\n got %v\nwant %s", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}
