package command

import (
	"strings"
	"unicode/utf8"
)

// maxSuggestDistance is how far a typo may be from a command and still get a
// "did you mean"; 2 catches a swapped pair plus one slip, and no two commands
// are that close to each other, so the suggestion is never ambiguous.
const maxSuggestDistance = 2

// closest returns the command name nearest to word, if one is close enough.
// Case is ignored here only: /SetPhoto is unknown, but it is obviously /setphoto.
func closest(word string) (string, bool) {
	word = strings.ToLower(word)
	n := utf8.RuneCountInString(word)
	best, bestDist := "", maxSuggestDistance+1
	for _, s := range specs {
		if abs(n-len(s.Name)) > maxSuggestDistance {
			continue // also keeps the quadratic distance off huge words
		}
		if d := distance(word, s.Name); d < bestDist {
			best, bestDist = s.Name, d
		}
	}
	return best, best != ""
}

// distance is the optimal-string-alignment Damerau-Levenshtein distance over
// runes: insertions, deletions, substitutions and swaps of neighbours, which
// are the typos thumbs make.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: a swap looks back two rows.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
