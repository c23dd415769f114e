package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const exampleFile = "../config.example.toml"

// The shipped example must load once the credentials are provided.
func TestExampleFileLoads(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvAppID, "12345")
	t.Setenv(EnvAppHash, testHash)

	cfg := mustLoad(t, exampleFile)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Path:     filepath.Join(root, "config.example.toml"),
		Telegram: Telegram{AppID: 12345, AppHash: testHash},
		Storage:  Storage{Path: filepath.Join(root, "persona.db")},
		Bot:      Bot{Prefix: "/", Location: time.Local},
		Log:      Log{Level: "info"},
	}
	if *cfg != want {
		t.Errorf("got %+v\nwant %+v", *cfg, want)
	}
}

// Without credentials the example fails, naming both keys.
func TestExampleFileNeedsCredentials(t *testing.T) {
	clearEnv(t)
	_, err := Load(exampleFile)
	wantErr(t, err, "telegram.app_id", "telegram.app_hash")
}

// The commented-out [telegram.server] section must work once uncommented.
func TestExampleFileServerSection(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvAppID, "12345")
	t.Setenv(EnvAppHash, testHash)
	data, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	// Uncomment "# [telegram.server]" and the "# key = value" lines after it.
	text := string(data)
	i := strings.Index(text, "# [telegram.server]")
	if i < 0 {
		t.Fatal("example has no commented [telegram.server] section")
	}
	section := regexp.MustCompile(`(?m)^# ((?:\[telegram\.server\])|(?:[a-z_]+ = .*))$`).
		ReplaceAllString(text[i:], "$1")
	dir := t.TempDir()
	writeFile(t, dir, "server.pem", pkcs1PEM())
	path := writeFile(t, dir, "config.toml", []byte(text[:i]+section))

	s := mustLoad(t, path).Telegram.Server
	if s == nil || s.Address != "127.0.0.1:10443" || s.DC != 2 || s.PublicKeyPath != filepath.Join(dir, "server.pem") {
		t.Errorf("server = %+v", s)
	}
}

// Every key Load knows is documented in the example.
func TestExampleFileDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, key := range []string{
		"[telegram]", "app_id =", "app_hash =", "phone =",
		"[telegram.server]", "address =", "dc =", "public_key =",
		"[storage]", "path =", "[bot]", "prefix =", "[log]", "level =", "file =",
		EnvAppID, EnvAppHash, "persona emulator", "Default",
	} {
		if !strings.Contains(text, key) {
			t.Errorf("config.example.toml does not mention %q", key)
		}
	}
}
