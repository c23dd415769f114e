package config

import (
	"maps"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestKeyLines(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]int
	}{
		{"tables and keys", "# c\n[telegram]\napp_id = 1\n\n[bot]\nprefix = \"!\"\n",
			map[string]int{"telegram": 2, "telegram.app_id": 3, "bot": 5, "bot.prefix": 6}},
		{"dotted key notes its tables", "a.b.c = 1\n", map[string]int{"a": 1, "a.b": 1, "a.b.c": 1}},
		{"first line wins", "[t]\nk = 1\n[t]\nk = 2\n", map[string]int{"t": 1, "t.k": 2}},
		{"quoted keys", "\"a.b\" = 1\n'c d' = 2\n", map[string]int{`"a.b"`: 1, `"c d"`: 2}},
		{"inline table", "t = { a = 1, b = { c = [1, 2] } }\nz = 3\n",
			map[string]int{"t": 1, "t.a": 1, "t.b": 1, "t.b.c": 1, "z": 2}},
		{"multi-line array with comments", "a = [\n  1, # x = 1\n  \"]\",\n]\nb = 2\n", map[string]int{"a": 1, "b": 5}},
		{"multi-line strings", "a = \"\"\"\nk = 1\n\\\"\"\"\"\"\nb = '''\nk = 2\n'''\nc = 3\n",
			map[string]int{"a": 1, "b": 4, "c": 7}},
		{"array of tables", "[[t]]\nk = 1\n[[t]]\nk = 2\n", map[string]int{"t": 1, "t.k": 2}},
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

func TestSuggest(t *testing.T) {
	tests := []struct {
		key  toml.Key
		want string
	}{
		{toml.Key{"telegram", "app_hsh"}, "telegram.app_hash"},
		{toml.Key{"telegram", "appid"}, "telegram.app_id"},
		{toml.Key{"telegram", "prefix"}, "bot.prefix"},
		{toml.Key{"log", "lvl"}, "log.level"},
		{toml.Key{"telegram", "server", "pubic_key"}, "telegram.server.public_key"},
		{toml.Key{"storge"}, "storage"},
		{toml.Key{"telemetry"}, ""},
		{toml.Key{"x"}, ""},
		{toml.Key{"telegram", "colour"}, ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.key); got != tt.want {
			t.Errorf("suggest(%s) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestKnownKeys(t *testing.T) {
	got := knownKeys()
	for _, k := range []string{"telegram", "telegram.app_id", "telegram.app_hash", "telegram.phone", "telegram.server",
		"telegram.server.address", "telegram.server.dc", "telegram.server.public_key", "storage.path", "bot.prefix", "log.level", "log.file"} {
		if !slices.Contains(got, k) {
			t.Errorf("knownKeys() = %v lacks %s", got, k)
		}
	}
}

// FuzzKeyLines: the scanner reads whatever a user may write, valid or not;
// it must end, and every line it reports must be in the file.
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
