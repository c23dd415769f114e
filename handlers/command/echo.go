package command

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// echoRunes bounds how much of a bad token is quoted back, so a pasted
// megabyte-long word cannot turn into an equally long reply.
const echoRunes = 32

// echo prepares user text for a reply: at most echoRunes runes, with "…" marking
// a cut, and control, bidi-override and invalid bytes replaced by U+FFFD so a
// reply is valid UTF-8 and cannot reorder or hide the text around it.
func echo(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == echoRunes {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// quote is echo in double quotes, for tokens that would otherwise blend into
// the sentence around them.
func quote(s string) string { return `"` + echo(s) + `"` }

func isBidiControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
