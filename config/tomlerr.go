package config

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/go-faster/errors"
)

// The decoder's errors read `toml: line N (last key "k"): message`, and the
// message may quote the offending input.
var (
	tomlHead = regexp.MustCompile(`^toml: (?:line (\d+))? ?(?:\(last key ("(?:[^"\\]|\\.)*")\))?: ?`)
	badType  = regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`)
	notTable = regexp.MustCompile(`^type mismatch for .*: expected table but found (.+)$`)
	quoted   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	// Numbers are echoed unquoted ("0x0c8a… is out of range"); one may be
	// an unquoted phone or the digits-first part of an app hash.
	numbers = regexp.MustCompile(`[0-9][0-9A-Za-z_.+:-]{4,}`)
)

// tomlError rewrites a decode error as `line N, key K: message` without the
// decoder's quotes of the input: a malformed line may be `app_hash = 0123…`
// without quotes, and that value must not reach a log. The original error is
// deliberately dropped, not wrapped: its text and its copy of the input would
// carry the secret along the chain.
func tomlError(err error) error {
	text := err.Error()
	m := tomlHead.FindStringSubmatch(text)
	if m == nil {
		m = []string{"", "", ""}
	}
	msg := strings.TrimPrefix(text, m[0])
	line, key := m[1], m[2]
	if key != "" {
		key, _ = strconv.Unquote(key)
	}
	var pe toml.ParseError
	if line == "" && errors.As(err, &pe) {
		line = strconv.Itoa(pe.Position.Line)
	}

	var where []string
	if line != "" {
		where = append(where, "line "+line)
	}
	if key != "" {
		where = append(where, "key "+key)
	}
	head := "invalid TOML"
	if len(where) > 0 {
		head = strings.Join(where, ", ")
	}
	return errors.New(head + ": " + explain(msg, key))
}

// explain turns type errors into plain words and scrubs input from the rest.
func explain(msg, key string) string {
	if m := badType.FindStringSubmatch(msg); m != nil {
		return "must be " + typeName(m[2]) + ", not " + typeName(m[1])
	}
	if m := notTable.FindStringSubmatch(msg); m != nil {
		return "must be a table, not " + typeName(m[1])
	}
	msg = quoted.ReplaceAllStringFunc(msg, func(q string) string {
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
	msg = numbers.ReplaceAllString(msg, "…")
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

// unknownKeys reports keys the file has but Config does not know, so a typo
// such as app_idd fails loudly instead of leaving app_id unset. A whole
// unknown table is reported once, not once per key inside it.
func unknownKeys(md toml.MetaData) error {
	undecoded := md.Undecoded()
	seen := make(map[string]bool, len(undecoded))
	for _, k := range undecoded {
		seen[k.String()] = true
	}
	var names []string
	for _, k := range undecoded {
		if len(k) > 1 && seen[k[:len(k)-1].String()] {
			continue
		}
		names = append(names, strconv.Quote(k.String()))
	}
	switch len(names) {
	case 0:
		return nil
	case 1:
		return errors.New("unknown key " + names[0])
	default:
		return errors.New("unknown keys " + strings.Join(names, ", "))
	}
}
