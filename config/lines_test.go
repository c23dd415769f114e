package config

import (
	"maps"
	"testing"
)

func TestKeyLines(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]int
	}{
		{"tables and keys", "# c\n[telegram]\napp_id = 1\n\n[bot]\nprefix = \"!\"\n",
			map[string]int{"telegram": 2, "telegram.app_id": 3, "bot": 5, "bot.prefix": 6}},
		{"implied tables have no line", "a.b.c = 1\n", map[string]int{"a.b.c": 1}},
		{"implied, then defined", "[a.b]\nc = 1\n[a]\nd = 2\n", map[string]int{"a.b": 1, "a.b.c": 2, "a": 3, "a.d": 4}},
		{"invalid TOML has none", "[t]\nk = 1\n[t]\nk = 2\n", map[string]int{}},
		{"quoted keys", "\"a.b\" = 1\n'c d' = 2\n", map[string]int{`"a.b"`: 1, `"c d"`: 2}},
		{"inline table", "t = { a = 1, b = { c = [1, 2] } }\nz = 3\n",
			map[string]int{"t": 1, "t.a": 1, "t.b": 1, "t.b.c": 1, "z": 2}},
		{"multi-line array with comments", "a = [\n  1, # x = 1\n  \"]\",\n]\nb = 2\n", map[string]int{"a": 1, "b": 5}},
		{"multi-line strings", "a = \"\"\"\nk = 1\n\\\"\"\"\"\"\nb = '''\nk = 2\n'''\nc = 3\n",
			map[string]int{"a": 1, "b": 4, "c": 7}},
		{"multi-line string on its key's line", "x = \"\"\"\nfoo\"\"\"\ny = '''a\n\n'''\n", map[string]int{"x": 1, "y": 3}},
		{"array of tables: the last header", "[[t]]\nk = 1\n[[t]]\nk = 2\n", map[string]int{"t": 3}},
		{"comment after value", "a = 1 # b = 2\nc = \"#\" # d = 3\n", map[string]int{"a": 1, "c": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyLines(tt.src); !maps.Equal(got, tt.want) {
				t.Errorf("keyLines = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLinesBefore(t *testing.T) {
	tests := []struct {
		src          string
		n            int
		before, line string
	}{
		{"a\nb\nc", 1, "", "a"},
		{"a\nb\nc", 2, "a\n", "b"},
		{"a\nb\nc", 3, "a\nb\n", "c"},
		{"a\nb\n", 3, "a\nb\n", ""},
		{"a\nb", 9, "a\nb", ""},
		{"a", 0, "", "a"},
	}
	for _, tt := range tests {
		before, line := linesBefore(tt.src, tt.n)
		if before != tt.before || line != tt.line {
			t.Errorf("linesBefore(%q, %d) = %q, %q, want %q, %q", tt.src, tt.n, before, line, tt.before, tt.line)
		}
	}
}

// FuzzKeyLines: keyLines reads whatever a user may write, valid or not; it
// must end, and every line it reports must be in the file.
func FuzzKeyLines(f *testing.F) {
	for _, seed := range []string{"", validTOML, "[a\n", "a = \"\"\"", "a = [ { b = '", "a = {\n", "\"\\", "[[", "a.\"b\\\"c\".d = 1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n := 1
		for _, c := range src {
			if c == '\n' {
				n++
			}
		}
		for k, line := range keyLines(src) {
			if line < 1 || line > n {
				t.Fatalf("%s on line %d of a %d-line file", k, line, n)
			}
		}
	})
}
