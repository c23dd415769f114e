package e2e_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"persona/storage"
)

// personaIn runs the binary in dir with only the given PERSONA_* variables
// (the developer's own are dropped) and waits for it to exit.
func personaIn(t *testing.T, dir string, env []string, args ...string) (stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PERSONA_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code = exitCode(t, err, args)
	noSecrets(t, out.String()+errOut.String())
	return errOut.String(), code
}

// TestConfigEnvOnly: with no config file, PERSONA_APP_ID and PERSONA_APP_HASH
// alone are enough, and the database lives in the working folder.
//
// Without [telegram.server] the daemon would dial the real Telegram, so it
// must stop before any connection: the test holds the database's lock, which
// `persona run` takes right after loading the config and before the network
// (app/instance, Open), and the daemon exits naming the database it found
// locked. As a second guard, a malformed PERSONA_CLOCK_SKEW would stop `run`
// before session.Run even if the lock were not honoured.
func TestConfigEnvOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "persona.db")
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	env := []string{"PERSONA_APP_ID=4242", "PERSONA_APP_HASH=" + appHash, "PERSONA_CLOCK_SKEW=not-a-duration"}
	errOut, code := personaIn(t, dir, env, "run")
	if code != 1 || !strings.Contains(errOut, "another persona is already running on "+dbPath) {
		t.Fatalf("run with the env vars and no config: exit %d, want 1 naming the locked %s\nstderr: %s", code, dbPath, errOut)
	}
}

// TestConfigNotFound: a missing config names its absolute path, how to make
// one, and the environment alternative; it is a configuration error (78).
func TestConfigNotFound(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		path string
	}{
		{"default", []string{"run"}, filepath.Join(dir, "config.toml")},
		{"relative -config", []string{"login", "-config", "etc/nope.toml"}, filepath.Join(dir, "etc", "nope.toml")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			errOut, code := personaIn(t, dir, nil, tt.args...)
			if code != 78 {
				t.Errorf("exit %d, want 78\nstderr: %s", code, errOut)
			}
			for _, want := range []string{"config file " + tt.path + " not found", "config.example.toml", "PERSONA_APP_ID", "PERSONA_APP_HASH"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr %q lacks %q", errOut, want)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "persona.db")); !os.IsNotExist(err) {
		t.Errorf("a failed start left a database behind: %v", err)
	}
}

// TestConfigErrorExit78: every kind of configuration error exits 78
// (EX_CONFIG), which the service unit does not restart, for run and login,
// with the line and the full key where the file has them.
func TestConfigErrorExit78(t *testing.T) {
	t.Parallel()
	creds := "[telegram]\napp_id = 1\napp_hash = \"" + appHash + "\"\n"
	tests := []struct{ name, config, want string }{
		{"no app_id", "[telegram]\napp_hash = \"" + appHash + "\"\n", "telegram.app_id is missing"},
		{"no app_hash", "[telegram]\napp_id = 1\n", "telegram.app_hash is missing"},
		{"unknown key", "[telegram]\napp_id = 1\napp_hsh = \"" + appHash + "\"\n", "config.toml:3: unknown key telegram.app_hsh; did you mean telegram.app_hash?"},
		{"bad value", creds + "[log]\nlevel = \"loud\"\n", "log.level must be one of"},
		{"bad TOML", "[telegram]\napp_id = 1\napp_hash = " + appHash + "\n", "config.toml:3:"},
		{"duplicate key", creds + "app_id = 2\n", "config.toml:4: duplicate key telegram.app_id (first on line 2)"},
		{"bad time zone", creds + "[bot]\ntimezone = \"Mars/Olympus\"\n", "config.toml:5: bot.timezone \"Mars/Olympus\" is not a time zone"},
		{"unreadable key file", creds + "[telegram.server]\naddress = \"127.0.0.1:1\"\ndc = 2\npublic_key = \"missing.pem\"\n", "telegram.server.public_key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "config.toml")
			if err := os.WriteFile(path, []byte(tt.config), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"run", "login"} {
				errOut, code := personaIn(t, dir, nil, cmd, "-config", path)
				if code != 78 || !strings.Contains(errOut, tt.want) {
					t.Errorf("%s: exit %d, want 78 and %q\nstderr: %s", cmd, code, tt.want, errOut)
				}
			}
		})
	}
}
