package config

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Secrets used by the tests; no error or printout may contain them.
const (
	testHash  = "0123456789abcdef0123456789abcdef"
	testPhone = "+79990001234"
)

// validTOML is the smallest config that loads.
const validTOML = `
[telegram]
app_id = 12345
app_hash = "` + testHash + `"
`

// testKey is generated once: RSA generation is slow under -race.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		panic(err)
	}
	return k
})

// pkcs1PEM is an "RSA PUBLIC KEY" block, the form Telegram publishes.
func pkcs1PEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&testKey().PublicKey)})
}

// pkixPEM is a "PUBLIC KEY" block, the form openssl writes by default.
func pkixPEM() []byte {
	der, err := x509.MarshalPKIXPublicKey(&testKey().PublicKey)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func privatePEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(testKey())})
}

// writeFile writes content to dir/name, creating folders, and returns the path.
func writeFile(t testing.TB, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeConfig writes a config.toml into a fresh folder and returns its path.
func writeConfig(t testing.TB, content string) string {
	t.Helper()
	return writeFile(t, t.TempDir(), "config.toml", []byte(content))
}

// clearEnv keeps the developer's own PERSONA_* variables out of the tests.
func clearEnv(t *testing.T) {
	t.Helper()
	t.Setenv(EnvAppID, "")
	t.Setenv(EnvAppHash, "")
	t.Setenv(EnvConfig, "")
	t.Setenv(EnvLogLevel, "")
	t.Setenv(EnvLogFormat, "")
}

// assertNoSecrets fails when text contains the hash or the phone's digits.
func assertNoSecrets(t *testing.T, text string) {
	t.Helper()
	for _, s := range []string{testHash, testPhone, strings.TrimPrefix(testPhone, "+"), "SECRET"} {
		if strings.Contains(text, s) {
			t.Errorf("%q leaks %q", text, s)
		}
	}
}

func mustLoad(t *testing.T, path string) *Config {
	t.Helper()
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return cfg
}

func wantErr(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Load succeeded, want error containing %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	assertNoSecrets(t, err.Error())
}
