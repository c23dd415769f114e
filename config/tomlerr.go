package config

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The decoder's errors read `toml: line N (last key "k"): message`, and the
// message may quote the offending input. The patterns are compiled on their
// first use rather than at start: they take some 60 KiB of heap, which a
// daemon whose file decodes never needs.
var (
	tomlHead = lazyRegexp(`^toml: (?:line (\d+))? ?(?:\(last key ("(?:[^"\\]|\\.)*")\))?: ?`)
	badType  = lazyRegexp(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)
	notTable = lazyRegexp(`^type mismatch for .*: expected table but found (.+)$`)
	quoted   = lazyRegexp(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	// Numbers are echoed unquoted ("0x0c8a… is out of range"); one may be
	// an unquoted phone or the digits-first part of an app hash.
	numbers = lazyRegexp(`[0-9][0-9A-Za-z_.+:-]{4,}`)
	// The decoder names the key in full, as toml.Key.String does.
	duplicate = lazyRegexp(`^Key '(.+)' has already been defined\.?$`)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// tomlError rewrites a decode error as `path:N: key K: message` without the
// decoder's quotes of the input: a malformed line may be `app_hash = 0123…`
// without quotes, and that value must not reach a log. The original error is
// deliberately dropped, not wrapped: its text and its copy of the input would
// carry the secret along the chain.
func tomlError(err error, src, path string) error {
	text := err.Error()
	m := tomlHead().FindStringSubmatch(text)
	if m == nil {
		m = []string{"", "", ""}
	}
	msg := strings.TrimPrefix(text, m[0])
	line, _ := strconv.Atoi(m[1])
	key := m[2]
	if key != "" {
		key, _ = strconv.Unquote(key)
	}
	if d := duplicate().FindStringSubmatch(msg); d != nil {
		return at(path, line, duplicateKey(d[1], src, line))
	}
	if key != "" {
		return at(path, line, "key "+key+": "+explain(msg, key))
	}
	if line == 0 {
		return at(path, 0, "invalid TOML: "+explain(msg, key))
	}
	return at(path, line, explain(msg, key))
}

// duplicateKey names the key defined twice in full, and where it was first:
// the decoder's own message is cut to the innermost part of the key. The
// file up to the second definition (line) decodes, so it has the first one.
func duplicateKey(key, src string, line int) string {
	before, second := linesBefore(src, line)
	msg := "duplicate key " + scrub(key)
	if strings.HasPrefix(strings.TrimSpace(second), "[") {
		msg = "duplicate table [" + scrub(key) + "]"
	}
	if first := keyLines(before)[key]; first > 0 {
		msg += " (first on line " + strconv.Itoa(first) + ")"
	}
	return msg
}

// linesBefore splits src before its line n (counted from 1), and returns the
// text before it and line n itself.
func linesBefore(src string, n int) (before, line string) {
	start := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(src[start:], '\n')
		if i < 0 {
			return src, ""
		}
		start += i + 1
	}
	line, _, _ = strings.Cut(src[start:], "\n")
	return src[:start], line
}

// scrub hides number-like runs in text that comes from the file, such as a
// key, in case a secret was typed where a key belongs.
func scrub(s string) string { return numbers().ReplaceAllString(s, "…") }

// explain turns type errors into plain words and scrubs input from the rest.
func explain(msg, key string) string {
	if m := badType().FindStringSubmatch(msg); m != nil {
		return "must be " + typeName(m[2]) + ", not " + typeName(m[1])
	}
	if m := notTable().FindStringSubmatch(msg); m != nil {
		return "must be a table, not " + typeName(m[1])
	}
	msg = quoted().ReplaceAllStringFunc(msg, func(q string) string {
		inner, uerr := strconv.Unquote(`"` + q[1:len(q)-1] + `"`)
		if uerr != nil {
			inner = q[1 : len(q)-1]
		}
		// Short quotes such as '=' or '\n' say what was expected; keep them.
		if len([]rune(inner)) <= 3 || inner == key {
			return q
		}
		return q[:1] + "…" + q[len(q)-1:]
	})
	msg = numbers().ReplaceAllString(msg, "…")
	if strings.HasPrefix(msg, "expected value but found") || strings.HasPrefix(msg, "Invalid integer") {
		msg += " (text values need double quotes)"
	}
	return msg
}

// typeName names the decoder's Go types the way the TOML reader thinks of them.
func typeName(t string) string {
	switch {
	case t == "string":
		return "a string in double quotes"
	case t == "integer" || strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.HasPrefix(t, "time.") || strings.HasPrefix(t, "toml."):
		return "a date"
	default:
		return t
	}
}
