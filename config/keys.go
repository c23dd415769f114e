package config

import (
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"persona/internal/typo"
)

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
