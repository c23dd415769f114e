package command

import (
	"strings"
	"time"
)

// maxFor is the longest timer: a year and a day, so "for=365d" works in a
// leap year too, while a typo like for=7000d is caught.
const maxFor = 366 * 24 * time.Hour

// durationUnits are the units of for=, in the only order they may appear, so
// 1d12h reads one way and 12h1d or 1d1d are refused as likely typos.
var durationUnits = []struct {
	letter byte
	size   time.Duration
}{
	{'d', 24 * time.Hour},
	{'h', time.Hour},
	{'m', time.Minute},
}

// parseDuration reads for=DURATION: numbers with d, h or m after each, largest
// unit first. time.ParseDuration is not used: it has no days, and it takes
// seconds, fractions and signs that make no sense for a photo timer.
func parseDuration(v string) (time.Duration, error) {
	notDuration := userErrorf("for=%s is not a duration: use e.g. 30m, 12h, 7d", echo(v))
	if v == "" {
		return 0, notDuration
	}
	var total time.Duration
	tooBig := false
	next := 0 // index of the first unit still allowed
	for rest := v; rest != ""; {
		i := 0
		for i < len(rest) && isDigit(rest[i]) {
			i++
		}
		if i == 0 || i == len(rest) {
			return 0, notDuration
		}
		u := unitIndex(lowerASCII(rest[i]), next)
		if u < 0 {
			return 0, notDuration
		}
		// Any part above maxFor on its own is out of range; checking its digit
		// count first keeps the arithmetic far from overflow.
		n, big := smallNumber(rest[:i])
		tooBig = tooBig || big
		if !tooBig {
			total += time.Duration(n) * durationUnits[u].size
			tooBig = total > maxFor
		}
		next = u + 1
		rest = rest[i+1:]
	}
	if tooBig || total <= 0 {
		return 0, userErrorf("for=%s is out of range: pick 1m to 366d", echo(v))
	}
	return total, nil
}

func unitIndex(c byte, from int) int {
	for i := from; i < len(durationUnits); i++ {
		if durationUnits[i].letter == c {
			return i
		}
	}
	return -1
}

// smallNumber parses digits, reporting big for anything past a million, which
// exceeds maxFor in every unit (366d is 527040 minutes).
func smallNumber(digits string) (n int64, big bool) {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 7 {
		return 0, true
	}
	for i := 0; i < len(digits); i++ {
		n = n*10 + int64(digits[i]-'0')
	}
	return n, n > 1_000_000
}
