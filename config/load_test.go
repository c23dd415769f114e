package config

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-faster/errors"
)

func TestLoadDefaults(t *testing.T) {
	clearEnv(t)
	path := writeConfig(t, validTOML)
	dir := filepath.Dir(path)

	cfg := mustLoad(t, path)
	want := Config{
		Path:     path,
		Telegram: Telegram{AppID: 12345, AppHash: testHash},
		Storage:  Storage{Path: filepath.Join(dir, "persona.db")},
		Bot:      Bot{Prefix: "/", Location: time.Local},
		Log:      Log{Level: "info"},
	}
	if *cfg != want {
		t.Errorf("got %+v\nwant %+v", *cfg, want)
	}
}

func TestLoadPaths(t *testing.T) {
	clearEnv(t)
	abs := filepath.Join(t.TempDir(), "elsewhere")
	tests := []struct {
		name, toml         string
		wantStore, wantLog string // relative to the config folder unless absolute
	}{
		{"defaults", "", "persona.db", ""},
		{"relative", "[storage]\npath = \"data/p.db\"\n[log]\nfile = \"logs/p.log\"", "data/p.db", "logs/p.log"},
		{"parent", "[storage]\npath = \"../p.db\"\n[log]\nfile = \"./p.log\"", "../p.db", "p.log"},
		{"absolute", "[storage]\npath = \"" + abs + "/p.db\"\n[log]\nfile = \"" + abs + "/p.log\"", abs + "/p.db", abs + "/p.log"},
		{"empty log file means stderr", "[log]\nfile = \"\"", "persona.db", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "conf")
			path := writeFile(t, dir, "config.toml", []byte(validTOML+tt.toml))
			cfg := mustLoad(t, path)
			want := func(p string) string {
				if p == "" || filepath.IsAbs(p) {
					return p
				}
				return filepath.Join(dir, p)
			}
			if cfg.Storage.Path != want(tt.wantStore) {
				t.Errorf("storage.path = %q, want %q", cfg.Storage.Path, want(tt.wantStore))
			}
			if cfg.Log.File != want(tt.wantLog) {
				t.Errorf("log.file = %q, want %q", cfg.Log.File, want(tt.wantLog))
			}
		})
	}
}

// A relative -config is resolved against the working folder once, and the
// paths inside it against the file's folder, not the working folder.
func TestLoadRelativeConfigPath(t *testing.T) {
	clearEnv(t)
	root := t.TempDir()
	writeFile(t, root, "etc/config.toml", []byte(validTOML+"[storage]\npath = \"p.db\"\n"))
	t.Chdir(root)

	cfg := mustLoad(t, filepath.Join("etc", "config.toml"))
	if want := filepath.Join(root, "etc", "config.toml"); cfg.Path != want {
		t.Errorf("Path = %q, want %q", cfg.Path, want)
	}
	if want := filepath.Join(root, "etc", "p.db"); cfg.Storage.Path != want {
		t.Errorf("storage.path = %q, want %q", cfg.Storage.Path, want)
	}
}

func TestLoadEnv(t *testing.T) {
	noCreds := "[bot]\nprefix = \"!\"\n"
	tests := []struct {
		name, toml, id, hash string
		wantID               int
		wantHash             string
		wantErr              []string
	}{
		{name: "file only", toml: validTOML, wantID: 12345, wantHash: testHash},
		{name: "env overrides file", toml: validTOML, id: "777", hash: "feedface", wantID: 777, wantHash: "feedface"},
		{name: "env alone", toml: noCreds, id: " 42 ", hash: testHash + "\n", wantID: 42, wantHash: testHash},
		{name: "empty env is unset", toml: validTOML, id: "", hash: "  ", wantID: 12345, wantHash: testHash},
		{name: "id not a number", toml: validTOML, id: "abc", wantErr: []string{"PERSONA_APP_ID", "positive"}},
		{name: "id zero", toml: validTOML, id: "0", wantErr: []string{"PERSONA_APP_ID"}},
		{name: "id negative", toml: validTOML, id: "-5", wantErr: []string{"PERSONA_APP_ID"}},
		{name: "id too big", toml: validTOML, id: "99999999999", wantErr: []string{"PERSONA_APP_ID"}},
		{name: "id holding the hash", toml: validTOML, id: testHash, wantErr: []string{"PERSONA_APP_ID"}},
		{name: "only hash in env", toml: noCreds, hash: testHash, wantErr: []string{"telegram.app_id", "PERSONA_APP_ID", "my.telegram.org"}},
		{name: "only id in env", toml: noCreds, id: "1", wantErr: []string{"telegram.app_hash", "PERSONA_APP_HASH", "my.telegram.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv(EnvAppID, tt.id)
			t.Setenv(EnvAppHash, tt.hash)
			cfg, err := Load(writeConfig(t, tt.toml))
			if tt.wantErr != nil {
				wantErr(t, err, tt.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Telegram.AppID != tt.wantID || cfg.Telegram.AppHash != tt.wantHash {
				t.Errorf("got id %d hash %q, want %d %q", cfg.Telegram.AppID, cfg.Telegram.AppHash, tt.wantID, tt.wantHash)
			}
		})
	}
}

func TestLoadNotFound(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	advice := "copy config.example.toml there and set app_id and app_hash in it, or "
	tests := []struct {
		name, path, env, want string
	}{
		{"default path", "config.toml", "",
			"config file " + filepath.Join(dir, "config.toml") + " not found: " + advice +
				"set PERSONA_APP_ID and PERSONA_APP_HASH to run without a config file"},
		{"default path, only the id in env", "config.toml", "1",
			"config file " + filepath.Join(dir, "config.toml") + " not found: " + advice + "set PERSONA_APP_ID"},
		{"relative path", "etc/nope.toml", "",
			"config file " + filepath.Join(dir, "etc", "nope.toml") + " not found: " + advice[:len(advice)-1] + ", " +
				"to run without a config file, name none (no -config, no PERSONA_CONFIG) and set PERSONA_APP_ID and PERSONA_APP_HASH"},
		// A file named on purpose must exist, even when the credentials
		// are in the environment: a typo in -config must not start a
		// daemon with a fresh database in the working folder.
		{"named path with env", "/nonexistent/persona.toml", "1", "config file /nonexistent/persona.toml not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvAppID, tt.env)
			if tt.env != "" && !strings.HasPrefix(tt.name, "default path, only") {
				t.Setenv(EnvAppHash, testHash)
			}
			_, err := Load(tt.path)
			wantErr(t, err, tt.want)
			if !errors.Is(err, os.ErrNotExist) || !errors.Is(err, ErrInvalid) {
				t.Errorf("%v: want errors.Is os.ErrNotExist and ErrInvalid", err)
			}
		})
	}
}

// With no file at the default path, the credentials in the environment are
// enough and the database lives in the working folder.
func TestLoadEnvOnly(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv(EnvAppID, "4242")
	t.Setenv(EnvAppHash, testHash)
	for _, path := range []string{"config.toml", "./config.toml"} {
		cfg := mustLoad(t, path)
		want := Config{
			Telegram: Telegram{AppID: 4242, AppHash: testHash},
			Storage:  Storage{Path: filepath.Join(dir, "persona.db")},
			Bot:      Bot{Prefix: "/", Location: time.Local},
			Log:      Log{Level: "info"},
		}
		if *cfg != want {
			t.Errorf("Load(%q) = %+v\nwant %+v", path, *cfg, want)
		}
	}

	t.Setenv(EnvAppID, "abc")
	_, err := Load("config.toml")
	wantErr(t, err, "environment (no config file): PERSONA_APP_ID must be a positive whole number")
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("%v is not ErrInvalid", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	_, err := Load(dir) // a folder, not a file
	wantErr(t, err, "cannot read config file "+dir)
	if errors.Is(err, os.ErrNotExist) {
		t.Error("a folder is not a missing file")
	}
}

func TestLoadUnknownKeys(t *testing.T) {
	tests := []struct{ name, toml, want string }{
		{"typo in telegram", "app_idd = 1", "config.toml:5: unknown key telegram.app_idd; did you mean telegram.app_id?"},
		{"typo of the hash", "app_hsh = 1", "config.toml:5: unknown key telegram.app_hsh; did you mean telegram.app_hash?"},
		{"typo in server", "[telegram.server]\naddres = \"x\"", "config.toml:6: unknown key telegram.server.addres; did you mean telegram.server.address?"},
		{"wrong table", "prefix = \"!\"", "config.toml:5: unknown key telegram.prefix; did you mean bot.prefix?"},
		{"typo in a table name", "[strage]\npath = \"x\"", "config.toml:5: unknown key strage; did you mean storage?"},
		{"unknown table once", "[telemetry]\nurl = \"x\"\nport = 1", "config.toml:5: unknown key telemetry"},
		{"several, one per line", "[bot]\nprefx = \"!\"\n[log]\nlvl = \"x\"",
			"config.toml:6: unknown key bot.prefx; did you mean bot.prefix?\n"},
		{"top level", "[storage]\n[x]\n", "config.toml:6: unknown key x"},
		{"dotted", "server.adress = \"x\"", "config.toml:5: unknown key telegram.server.adress; did you mean telegram.server.address?"},
		{"inline table", "server = { address = \"x\", dc = 1, pubkey = \"k\" }", "config.toml:5: unknown key telegram.server.pubkey"},
		{"quoted key", "\"app.id\" = 1", `config.toml:5: unknown key telegram."app.id"`},
		{"after a multi-line string", "phone = \"\"\"\n\n\"\"\"\nap_id = 1", "config.toml:8: unknown key telegram.ap_id; did you mean telegram.app_id?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			// Appended after app_hash (line 3) so bare keys land in [telegram].
			_, err := Load(writeConfig(t, validTOML+tt.toml+"\n"))
			wantErr(t, err, tt.want)
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%v is not ErrInvalid", err)
			}
			if !strings.Contains(tt.want, "did you mean") && strings.Contains(err.Error(), "did you mean") {
				t.Errorf("%v suggests a key where none is near", err)
			}
		})
	}
}

func TestLoadSyntaxErrors(t *testing.T) {
	tests := []struct{ name, toml, want string }{
		{"unquoted hash", "[telegram]\napp_id = 1\napp_hash = SECRETHASH\n", "line 3"},
		{"unquoted hex hash", "[telegram]\napp_hash = " + testHash + "\n", "line 2"},
		{"unterminated hash", "[telegram]\n\napp_hash = \"SECRETHASH\n", "line 3"},
		{"hash as number", "[telegram]\napp_hash = 123\n", "config.toml:2: key telegram.app_hash: must be a string in double quotes, not a whole number"},
		{"hash in array", "[telegram]\napp_hash = [\"SECRETHASH\"]\n", "telegram.app_hash"},
		{"bad escape", "[telegram]\napp_hash = \"SECRE\\qTHASH\"\n", "line 2"},
		{"trailing junk", "[telegram]\napp_hash = \"SECRETHASH\" SECRETHASH\n", "line 2"},
		{"unquoted phone", "[telegram]\nphone = " + testPhone + "\n", "telegram.phone"},
		{"huge phone", "[telegram]\nphone = 15550001111555000111155500011115550001111\n", "line 2"},
		{"app_id as string", "[telegram]\napp_id = \"12\"\n", "telegram.app_id"},
		{"duplicate key", "[telegram]\napp_id = 1\napp_id = 2\n", "config.toml:3: duplicate key telegram.app_id (first on line 2)"},
		{"duplicate table", "[telegram]\napp_id = 1\n[bot]\n[telegram]\n", "config.toml:4: duplicate table [telegram] (first on line 1)"},
		{"duplicate subtable", "[telegram.server]\ndc = 1\n[telegram.server]\n", "config.toml:3: duplicate table [telegram.server] (first on line 1)"},
		{"duplicate dotted key", "[telegram]\nserver.dc = 1\n\nserver.dc = 2\n", "config.toml:4: duplicate key telegram.server.dc (first on line 2)"},
		{"date-like hash", "[telegram]\napp_hash = 1979-05-27TSECRET\n", "line 2"},
		{"table as value", "telegram = 5\n", "telegram"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			_, err := Load(writeConfig(t, tt.toml))
			want := tt.want
			if strings.HasPrefix(want, "line ") {
				want = "config.toml:" + strings.TrimPrefix(want, "line ") + ":"
			}
			wantErr(t, err, want)
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%v is not ErrInvalid", err)
			}
			if strings.Contains(err.Error(), ": toml:") || strings.Contains(err.Error(), "last key") {
				t.Errorf("error %q keeps the decoder's prefix", err)
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvConfig, "")
	if got := DefaultPath(); got != "config.toml" {
		t.Errorf("DefaultPath() = %q, want config.toml", got)
	}
	t.Setenv(EnvConfig, "/etc/persona.toml")
	if got := DefaultPath(); got != "/etc/persona.toml" {
		t.Errorf("DefaultPath() = %q, want /etc/persona.toml", got)
	}
}

// Whatever shape a mistyped secret has, its text stays out of the error.
func TestLoadSyntaxErrorsHideValues(t *testing.T) {
	clearEnv(t)
	rng := rand.New(rand.NewPCG(1, 2))
	const hexDigits = "0123456789abcdef"
	for range 100 {
		b := make([]byte, 32)
		for i := range b {
			b[i] = hexDigits[rng.IntN(len(hexDigits))]
		}
		secret := string(b)
		for _, line := range []string{
			"app_hash = " + secret,
			"app_hash = \"" + secret,
			"app_hash = " + secret + "\"",
			"app_hash = '" + secret,
			"app_hash = \"" + secret + "\" " + secret,
			"app_hash = [" + secret + "]",
			"app_hash = {" + secret + "}",
			"app_hash = \"" + secret[:16] + "\\" + secret[16:] + "\"",
			"app_hsh = " + secret,
			"app_hash = -" + secret,
			"app_hash = 0x" + secret,
		} {
			_, err := Load(writeConfig(t, "[telegram]\n"+line+"\n"))
			if err == nil {
				t.Fatalf("%q loaded", line)
			}
			for i := 0; i+8 <= len(secret); i++ {
				if strings.Contains(err.Error(), secret[i:i+8]) {
					t.Fatalf("%q: error %q leaks part of the value", line, err)
				}
			}
		}
	}
}
