package handlers

import (
	"fmt"
	"time"
)

// zone.go: how replies and notices show a moment.

// timeFormat is how replies show a moment: minutes are precise enough, and
// the zone's name says which clock (README, bot.timezone).
const timeFormat = "2006-01-02 15:04 MST"

// zone is the time zone replies show moments in: bot.timezone, else the
// one the daemon runs in. Records keep times as they were stored (often
// UTC), so every moment shown goes through it.
type zone struct{ loc *time.Location }

// at is t in the zone, named: "2026-12-07 18:17 UTC".
func (z zone) at(t time.Time) string {
	if z.loc == nil {
		return t.Format(timeFormat)
	}
	return t.In(z.loc).Format(timeFormat)
}

// roughDuration says a wait the way a person would: "2 h", "1 h 30 min",
// "5 min", "40 s".
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	}
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// clockTime is t as a wall clock time in now's zone, named, with the date
// when it is not today.
func clockTime(now, t time.Time) string {
	t = t.In(now.Location())
	if y, m, d := now.Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format("15:04 MST")
	}
	return t.Format(timeFormat)
}
