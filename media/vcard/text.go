package vcard

import (
	"strings"
	"unicode/utf8"
)

// textValue turns a raw value into text: quoted-printable decoded when
// the property says so (vCard 2.1 writes names that way), then read in its
// CHARSET, so that the result is always valid UTF-8.
func textValue(p property, raw []byte) string {
	if p.encoding == "QUOTED-PRINTABLE" {
		raw = decodeQP(raw)
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	switch p.charset {
	case "ISO-8859-1", "WINDOWS-1252", "LATIN1":
		return latin1(raw) // Outlook's 2.1 writes Windows' code page
	}
	return strings.ToValidUTF8(string(raw), "\uFFFD")
}

// decodeQP decodes quoted-printable (RFC 2045 §6.7) leniently, as
// exporters write it: "=XX" is a byte, "=" before a soft line break (see
// lines.next) is dropped, anything else is kept as it is.
func decodeQP(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			continue // a soft break's marker: its "=" was already dropped
		}
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '\n' {
			i++ // "=" then a soft break
			continue
		}
		if i+2 < len(s) {
			if b, ok := unhex(s[i+1], s[i+2]); ok {
				out = append(out, b)
				i += 2
				continue
			}
		}
		if i+1 == len(s) {
			continue // a soft break at the very end
		}
		out = append(out, c)
	}
	return out
}

func unhex(a, b byte) (byte, bool) {
	x, ok1 := hexDigit(a)
	y, ok2 := hexDigit(b)
	return x<<4 | y, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// unescape undoes text escapes: "\," "\;" "\\" and "\n" (RFC 6350 §3.4,
// RFC 2426 §4).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte(' ') // a name is one line
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitComponents splits a structured value at ';' not escaped by '\'.
func splitComponents(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// nameFromN makes a display name of N, "Family;Given;Additional;Prefixes;
// Suffixes" (RFC 6350 §6.2.2): "Dr. John Q. Public Esq.".
func nameFromN(s string) string {
	c := splitComponents(s)
	for len(c) < 5 {
		c = append(c, "")
	}
	var words []string
	for _, part := range []string{c[3], c[1], c[2], c[0], c[4]} {
		if w := strings.TrimSpace(unescape(strings.ReplaceAll(part, ",", " "))); w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// cleanName makes FN one trimmed line.
func cleanName(s string) string {
	return strings.Join(strings.Fields(unescape(s)), " ")
}

// cleanPhone keeps a TEL value as written, less a 4.0 "tel:" URI's scheme
// and parameters ("tel:+1-555-555-5555;ext=5555", RFC 3966).
func cleanPhone(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s, _, _ = strings.Cut(s[4:], ";")
	}
	return s
}
