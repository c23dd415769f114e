package command

import (
	"strings"
	"unicode/utf8"

	"persona/internal/typo"
)

// maxSuggestDistance is how far a typo may be from a command and still get a
// "did you mean"; 2 catches a swapped pair plus one slip, and no two commands
// are that close to each other, so the suggestion is never ambiguous.
const maxSuggestDistance = 2

// closest returns the command name nearest to word, if one is close enough.
// Case is ignored here only: /SetPhoto is unknown, but it is obviously /setphoto.
func (c *Catalogue) closest(word string) (string, bool) {
	word = strings.ToLower(word)
	n := utf8.RuneCountInString(word)
	best, bestDist := "", maxSuggestDistance+1
	for _, s := range c.specs {
		if abs(n-len(s.Name)) > maxSuggestDistance {
			continue // also keeps the quadratic distance off huge words
		}
		if d := typo.Distance(word, s.Name); d < bestDist {
			best, bestDist = s.Name, d
		}
	}
	return best, best != ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
