package config

import (
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/go-faster/errors"
)

// The decoder records where each key is defined but keeps it private: it
// tells the place only in the ParseError of a toml.Unmarshaler that fails.
// keyLines therefore decodes every key into whereProbe, which always fails,
// and reads the key and its place from the error.

// keyLines maps each key and table src defines (named as toml.Key.String
// names them) to the line where its definition begins. Tables that are only
// implied, such as a in `a.b = 1`, have no line; nor has anything in a file
// the decoder rejects.
func keyLines(src string) map[string]int {
	lines := map[string]int{}
	var top map[string]toml.Primitive
	md, err := toml.Decode(src, &top)
	if err == nil {
		addLines(&md, top, src, lines)
	}
	return lines
}

// addLines notes each key of table, then the keys of any table inside it.
func addLines(md *toml.MetaData, table map[string]toml.Primitive, src string, lines map[string]int) {
	for _, value := range table {
		var pe toml.ParseError
		if errors.As(md.PrimitiveDecode(value, whereProbe{}), &pe) && pe.Position.Len > 0 {
			// Position.Line is where the value ends, which for a multi-line
			// string is not where the key is; Start is where it begins.
			lines[pe.LastKey] = 1 + strings.Count(src[:min(pe.Position.Start, len(src))], "\n")
		}
		var inner map[string]toml.Primitive
		if md.PrimitiveDecode(value, &inner) == nil {
			addLines(md, inner, src, lines)
		}
	}
}

// whereProbe fails to decode anything, so the decoder reports where it was.
type whereProbe struct{}

var errWhere = errors.New("where")

func (whereProbe) UnmarshalTOML(any) error { return errWhere }
