package e2e_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCLI(t *testing.T) {
	t.Parallel()
	w := &world{dir: t.TempDir()}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string // a substring, or a regexp when it starts with ^
		stderr   string
		noOutput bool
	}{
		{name: "version", args: []string{"version"}, stdout: `^persona \S+\n$`},
		{name: "no args", code: 64, stderr: "usage: persona"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 64, stderr: `unknown command "frobnicate"`},
		{name: "help", args: []string{"help"}, stdout: "usage: persona"},
		{name: "missing config", args: []string{"run", "-config", "nope.toml"}, code: 78, stderr: "nope.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := w.persona(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			match(t, "stdout", out, tt.stdout)
			match(t, "stderr", errOut, tt.stderr)
		})
	}
}

func match(t *testing.T, name, got, want string) {
	t.Helper()
	if want == "" {
		return
	}
	if strings.HasPrefix(want, "^") {
		if !regexp.MustCompile(want).MatchString(got) {
			t.Errorf("%s %q does not match %s", name, got, want)
		}
		return
	}
	if !strings.Contains(got, want) {
		t.Errorf("%s %q does not contain %q", name, got, want)
	}
}

// TestConfigErrors: a bad config is a start-up error that names the key,
// and never echoes the app_hash.
func TestConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, config, want string
	}{
		{"unknown key", "[telegram]\napp_id = 1\napp_hash = \"" + appHash + "\"\ncolour = \"red\"\n", "colour"},
		{"no app_id", "[telegram]\napp_hash = \"" + appHash + "\"\n", "app_id"},
		{"no app_hash", "[telegram]\napp_id = 1\n", "app_hash"},
		{"unreadable key file", "[telegram]\napp_id = 1\napp_hash = \"" + appHash + "\"\n[telegram.server]\naddress = \"127.0.0.1:1\"\ndc = 2\npublic_key = \"missing.pem\"\n", "public_key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &world{dir: t.TempDir()}
			w.config = filepath.Join(w.dir, "config.toml")
			if err := os.WriteFile(w.config, []byte(tt.config), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"run", "login"} {
				out, errOut, code := w.persona(t, "", cmd, "-config", w.config)
				if code == 0 || !strings.Contains(errOut, tt.want) {
					t.Errorf("%s: exit %d, want non-zero naming %q\nstderr: %s", cmd, code, tt.want, errOut)
				}
				noSecrets(t, out+errOut)
			}
		})
	}
}

// TestDemo: the built binary plays its scripted session with no account.
func TestDemo(t *testing.T) {
	t.Parallel()
	w := &world{dir: t.TempDir()}
	out, errOut, code := w.persona(t, "", "demo")
	if code != 0 {
		t.Fatalf("demo: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for _, want := range []string{"@alice", "@bob", "@eve", "✅", "❌", "✅ 3 cards: 1 photo set", "👁 @bob changed their profile photo"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

// TestConfigFromEnv: PERSONA_CONFIG is the default config path.
func TestConfigFromEnv(t *testing.T) {
	w := newWorld(t, setup{})
	t.Setenv("PERSONA_CONFIG", w.config)
	out, errOut, code := w.persona(t, w.answers(), "login")
	if code != 0 || !strings.Contains(out, "logged in as") {
		t.Fatalf("login via PERSONA_CONFIG: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}
