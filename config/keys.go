package config

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"persona/internal/typo"
)

// The TOML decoder knows where each key is but does not say, so keyLines
// reads the file once more, shallowly: table headers, keys (bare, quoted,
// dotted, inside inline tables) and enough of each value to skip it. It
// runs on files the decoder has parsed (or parsed up to a duplicate key), and
// on anything else it just returns fewer lines; it never fails.

// keyLines maps each key and table of src, named as toml.Key.String names
// them, to the line it first appears on.
func keyLines(src string) map[string]int { return scanKeys(src).lines }

func scanKeys(src string) *keyScanner {
	s := &keyScanner{src: src, lines: map[string]int{}, headers: map[string]bool{}}
	for i, c := range src {
		if c == '\n' {
			s.newlines = append(s.newlines, i)
		}
	}
	s.document()
	return s
}

type keyScanner struct {
	src      string
	i        int
	newlines []int // offsets of '\n', for line numbers
	lines    map[string]int
	headers  map[string]bool // keys that appear as [table] headers
}

func (s *keyScanner) eof() bool  { return s.i >= len(s.src) }
func (s *keyScanner) peek() byte { return s.src[s.i] }

// note records key and each table above it at the current line.
func (s *keyScanner) note(key []string) {
	line := sort.SearchInts(s.newlines, s.i) + 1
	for n := 1; n <= len(key); n++ {
		name := toml.Key(key[:n]).String()
		if _, ok := s.lines[name]; !ok {
			s.lines[name] = line
		}
	}
}

func (s *keyScanner) document() {
	var table []string
	for {
		s.skip(" \t\r\n")
		if s.eof() {
			return
		}
		switch s.peek() {
		case '#':
			s.skipLine()
		case '[':
			s.i++
			if !s.eof() && s.peek() == '[' {
				s.i++
			}
			table = s.key()
			if len(table) > 0 {
				s.note(table)
				s.headers[toml.Key(table).String()] = true
			}
			s.skipLine()
		default:
			start := s.i
			s.pair(table)
			if s.i == start {
				s.skipLine()
			}
		}
	}
}

// pair reads `key = value` and notes the key under table.
func (s *keyScanner) pair(table []string) {
	k := s.key()
	if len(k) == 0 {
		return
	}
	full := append(append([]string(nil), table...), k...)
	s.note(full)
	s.skip(" \t")
	if s.eof() || s.peek() != '=' {
		return
	}
	s.i++
	s.value(full)
}

// key reads a dotted key up to whatever follows it.
func (s *keyScanner) key() []string {
	var parts []string
	for {
		s.skip(" \t")
		part, ok := s.keyPart()
		if !ok {
			return parts
		}
		parts = append(parts, part)
		s.skip(" \t")
		if s.eof() || s.peek() != '.' {
			return parts
		}
		s.i++
	}
}

func (s *keyScanner) keyPart() (string, bool) {
	if s.eof() {
		return "", false
	}
	start := s.i
	switch s.peek() {
	case '"':
		s.basicString()
		v, err := strconv.Unquote(s.src[start:s.i])
		if err != nil {
			v = strings.Trim(s.src[start:s.i], `"`)
		}
		return v, true
	case '\'':
		s.literalString()
		return strings.Trim(s.src[start:s.i], "'"), true
	}
	for !s.eof() && isBare(s.peek()) {
		s.i++
	}
	return s.src[start:s.i], s.i > start
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value; an inline table's keys are noted under key.
func (s *keyScanner) value(key []string) {
	s.skip(" \t")
	if s.eof() {
		return
	}
	switch {
	case strings.HasPrefix(s.src[s.i:], `"""`):
		s.until(`"""`, 3, true)
	case strings.HasPrefix(s.src[s.i:], `'''`):
		s.until(`'''`, 3, false)
	case s.peek() == '"':
		s.basicString()
	case s.peek() == '\'':
		s.literalString()
	case s.peek() == '[':
		s.i++
		s.items(']', func() { s.value(nil) })
	case s.peek() == '{':
		s.i++
		s.items('}', func() { s.pair(key) })
	default:
		for !s.eof() && !strings.ContainsRune(",]}#\n", rune(s.peek())) {
			s.i++
		}
	}
}

// items reads comma-separated items, comments and newlines up to end.
func (s *keyScanner) items(end byte, item func()) {
	for {
		s.skip(" \t\r\n,")
		if s.eof() {
			return
		}
		switch s.peek() {
		case end:
			s.i++
			return
		case '#':
			s.skipLine()
		default:
			start := s.i
			item()
			if s.i == start {
				s.i++ // something unexpected: step over it
			}
		}
	}
}

func (s *keyScanner) basicString() {
	s.i++ // the opening quote
	for !s.eof() && s.peek() != '"' && s.peek() != '\n' {
		if s.peek() == '\\' {
			s.i++
		}
		s.i++
	}
	s.i = min(s.i, len(s.src)) // a backslash at the very end
	if !s.eof() && s.peek() == '"' {
		s.i++
	}
}

func (s *keyScanner) literalString() {
	s.i++
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.i++
	}
	if !s.eof() && s.peek() == '\'' {
		s.i++
	}
}

// until skips past the closing delimiter of a multi-line string.
func (s *keyScanner) until(delim string, open int, escapes bool) {
	s.i += open
	for !s.eof() {
		if escapes && s.peek() == '\\' {
			s.i += 2
			continue
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			s.i += len(delim)
			// Up to two more quotes may belong to the content: """a"""""
			for n := 0; n < 2 && !s.eof() && s.peek() == delim[0]; n++ {
				s.i++
			}
			return
		}
		s.i++
	}
	s.i = min(s.i, len(s.src))
}

func (s *keyScanner) skip(set string) {
	for !s.eof() && strings.IndexByte(set, s.peek()) >= 0 {
		s.i++
	}
}

func (s *keyScanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.i++
	}
}

// knownKeys lists every key and table the file layout has, from its toml
// tags, so the list cannot drift from what Load reads.
func knownKeys() []string {
	var out []string
	var walk func(t reflect.Type, prefix []string)
	walk = func(t reflect.Type, prefix []string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			key := append(append([]string(nil), prefix...), name)
			out = append(out, toml.Key(key).String())
			walk(f.Type, key)
		}
	}
	walk(reflect.TypeFor[file](), nil)
	return out
}

// suggest returns the known key nearest to an unknown one, or "". A key put
// in the wrong table is found by its last part; a typo by edit distance.
func suggest(unknown toml.Key) string {
	known := knownKeys()
	last := unknown[len(unknown)-1]
	for _, k := range known {
		if parts := strings.Split(k, "."); len(unknown) > 1 && parts[len(parts)-1] == last {
			return k
		}
	}
	name, best, bestDist := unknown.String(), "", maxSuggestDistance+1
	for _, k := range known {
		if d := typo.Distance(name, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// maxSuggestDistance keeps suggestions to typos: two edits turn "lvl" into
// "level"; three would turn "x" into "bot".
const maxSuggestDistance = 2

// unknownKeys reports, one error per key with its line, the keys the file
// has but Config does not know, so a typo such as app_idd fails loudly
// instead of leaving app_id unset. A whole unknown table is reported once,
// not once per key inside it.
func unknownKeys(md toml.MetaData, src, path string) []error {
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(undecoded))
	for _, k := range undecoded {
		seen[k.String()] = true
	}
	lines := keyLines(src)
	var errs []error
	for _, k := range undecoded {
		if len(k) > 1 && seen[k[:len(k)-1].String()] {
			continue
		}
		msg := "unknown key " + scrub(k.String())
		if s := suggest(k); s != "" {
			msg += "; did you mean " + s + "?"
		}
		errs = append(errs, at(path, lines[k.String()], msg))
	}
	return errs
}
