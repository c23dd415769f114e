package handlers

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// maxMessageUnits is Telegram's limit on a message's text, in UTF-16 code
// units (TDLib's message_text_length_max; MESSAGE_TOO_LONG past it).
const maxMessageUnits = 4096

// partHeaderRoom is kept free in every part for "(continued 12/34)\n".
const partHeaderRoom = 32

// partHeaders begin the parts after the first; the first that does not
// start with the command prefix is used (a prefix may be "(" but then not
// "…"), because a reply never begins with the prefix.
var partHeaders = []string{"(continued %d/%d)\n", "… continued %d/%d\n"}

// splitReply cuts a reply into messages Telegram accepts, in order and
// without losing a character: at line ends where it can, inside a line only
// when the line alone is too long. Parts after the first say that they go
// on from the one before, so none begins with the command prefix.
func splitReply(text, prefix string) []string {
	if units(text) <= maxMessageUnits {
		return []string{text}
	}
	var parts []string
	var cur strings.Builder
	curUnits := 0
	limit := maxMessageUnits - partHeaderRoom
	flush := func() {
		parts = append(parts, strings.TrimSuffix(cur.String(), "\n"))
		cur.Reset()
		curUnits = 0
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		// n is kept as the line is cut, not counted again: a line of
		// megabytes would otherwise be counted once per part.
		n := units(line)
		for line != "" {
			if curUnits+n <= limit {
				cur.WriteString(line)
				curUnits += n
				break
			}
			if curUnits > 0 {
				flush()
				continue
			}
			head, headUnits := cutUnits(line, limit)
			cur.WriteString(head)
			curUnits += headUnits
			line, n = line[len(head):], n-headUnits
			flush()
		}
	}
	if curUnits > 0 {
		flush()
	}
	header := partHeaders[0]
	if prefix != "" && strings.HasPrefix(header, prefix) {
		header = partHeaders[1]
	}
	for i := 1; i < len(parts); i++ {
		parts[i] = fmt.Sprintf(header, i+1, len(parts)) + parts[i]
	}
	return parts
}

// units is the length of s as Telegram counts it: UTF-16 code units, so an
// emoji outside the Basic Multilingual Plane counts two.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutUnits returns the longest prefix of s of at most limit UTF-16 units
// that ends on a whole character, and its length in units.
func cutUnits(s string, limit int) (string, int) {
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r) > limit {
			return s[:i], n
		}
		n += utf16.RuneLen(r)
	}
	return s, n
}
