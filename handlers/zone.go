package handlers

import "time"

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
