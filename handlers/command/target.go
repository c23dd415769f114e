package command

import (
	"strconv"
	"strings"
	"unicode"
)

const (
	// Telegram wants 5 (4 for collectible names); 3 lets the short names of
	// the project's examples and emulator tests (@bob) through, and Telegram
	// itself refuses what does not exist.
	minUsername, maxUsername = 3, 32
	minPhone, maxPhone       = 5, 15 // E.164 allows at most 15 digits
	// maxUserID is 2^53: Telegram promises user ids fit a double exactly.
	maxUserID = 1 << 53
)

const targetHint = "use @username, t.me/username, +phone or a numeric id"

// parseTarget reads one token that is not an option. Each kind that is
// recognisable by its first character gets its own error, so "@bo" is told
// about username rules rather than about targets in general.
func parseTarget(tok string) (Target, error) {
	switch {
	case strings.HasPrefix(tok, "@"):
		return username(tok, tok[1:])
	case strings.HasPrefix(tok, "+"):
		return phone(tok)
	case allDigits(tok):
		return userID(tok)
	}
	if name, ok := linkName(tok); ok {
		if !validUsername(name) {
			return Target{}, userErrorf("%s is not a user link: use t.me/username", quote(tok))
		}
		return Target{Kind: Username, Raw: tok, Value: name}, nil
	}
	return Target{}, userErrorf("%s is not a target: %s", quote(tok), targetHint)
}

func username(tok, name string) (Target, error) {
	if !validUsername(name) {
		return Target{}, userErrorf("%s is not a username: use %d to %d letters, digits or _, starting with a letter",
			quote(tok), minUsername, maxUsername)
	}
	return Target{Kind: Username, Raw: tok, Value: name}, nil
}

func phone(tok string) (Target, error) {
	digits := tok[1:]
	if !allDigits(digits) || len(digits) < minPhone || len(digits) > maxPhone {
		return Target{}, userErrorf("%s is not a phone number: use + and %d to %d digits, e.g. +15550001111",
			quote(tok), minPhone, maxPhone)
	}
	return Target{Kind: Phone, Raw: tok, Value: digits}, nil
}

func userID(tok string) (Target, error) {
	id, err := strconv.ParseUint(tok, 10, 64)
	if err != nil || id == 0 || id > maxUserID {
		return Target{}, userErrorf("%s is not a user id: use a number from 1 to %d", quote(tok), uint64(maxUserID))
	}
	// Value is re-formatted so "0042" and "42" de-duplicate; Raw keeps what was typed.
	return Target{Kind: UserID, Raw: tok, Value: strconv.FormatUint(id, 10), ID: int64(id)}, nil
}

// linkName strips a t.me or telegram.me link down to its path. ok reports that
// tok is such a link at all, whatever its path, so invite links get a precise
// error instead of the generic one.
func linkName(tok string) (name string, ok bool) {
	rest := tok
	for _, scheme := range []string{"https://", "http://"} {
		if hasPrefixFold(rest, scheme) {
			rest = rest[len(scheme):]
			break
		}
	}
	for _, host := range []string{"t.me/", "telegram.me/"} {
		if hasPrefixFold(rest, host) {
			return strings.TrimSuffix(rest[len(host):], "/"), true
		}
	}
	return "", false
}

// validUsername is a deliberately loose form of Telegram's rule: Telegram
// decides whether a name exists, we only refuse what cannot be a name.
func validUsername(name string) bool {
	if len(name) < minUsername || len(name) > maxUsername || !isASCIILetter(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isASCIILetter(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return true
}

// isEmoji reports a token made only of emoji. A custom emoji in the command
// text is media for /setphoto and /suggest (the handler finds it through the
// message entities), and its fallback text is such a token.
func isEmoji(tok string) bool {
	symbol, keycap, base := false, false, false
	for _, r := range tok {
		switch {
		case r == 0x20E3: // combining enclosing keycap: 1️⃣
			keycap = true
		case unicode.Is(unicode.So, r):
			symbol = true
		case r == 0x200D, r == 0xFE0E, r == 0xFE0F: // joiner, variation selectors
		case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		case r >= 0xE0020 && r <= 0xE007F: // tag sequences of subdivision flags
		case r < 0x80 && isDigit(byte(r)), r == '#', r == '*':
			base = true
		default:
			return false
		}
	}
	if base && !keycap {
		return false
	}
	return symbol || keycap
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// hasPrefixFold is an ASCII-only case-insensitive HasPrefix: Unicode folding
// would let look-alike runes such as the Kelvin sign pass for letters.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != lowerASCII(prefix[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
