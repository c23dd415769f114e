package handlers

import "strconv"

// words.go: small helpers for the words of replies.

// plural is a count with its noun: "1 contact", "2 contacts".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}

func itoa(n int) string { return strconv.Itoa(n) }
