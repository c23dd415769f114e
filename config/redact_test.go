package config

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestPrintingRedacts(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	writeFile(t, dir, "server.pem", pkcs1PEM())
	toml := "[telegram]\napp_id = 12345\napp_hash = \"" + testHash + "\"\nphone = \"" + testPhone + "\"\n" +
		"[telegram.server]\naddress = \"127.0.0.1:10443\"\ndc = 2\npublic_key = \"server.pem\"\n"
	cfg := mustLoad(t, writeFile(t, dir, "config.toml", []byte(toml)))
	if cfg.Telegram.Phone != testPhone || cfg.Telegram.AppHash != testHash {
		t.Fatalf("fixture did not load the secrets: %+v", cfg)
	}

	values := map[string]any{"*Config": cfg, "Config": *cfg, "Telegram": cfg.Telegram, "*Telegram": &cfg.Telegram}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%100v", "%-10s"} {
			out := fmt.Sprintf(verb, v)
			assertNoSecrets(t, out)
			if strings.Contains(out, "BEGIN") || strings.Contains(out, "[45 45") {
				t.Errorf("%s %s dumps the key file: %s", name, verb, out)
			}
		}
		js, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		assertNoSecrets(t, string(js))
	}

	out := fmt.Sprintf("%+v", cfg)
	for _, want := range []string{"AppID:12345", "AppHash:[redacted]", "Phone:[redacted]", "127.0.0.1:10443", "DC:2"} {
		if !strings.Contains(out, want) {
			t.Errorf("%%+v = %s, missing %s", out, want)
		}
	}
	if got := fmt.Sprintf("%#v", cfg.Telegram); !strings.HasPrefix(got, `config.Telegram{AppID:12345, AppHash:"[redacted]"`) {
		t.Errorf("%%#v = %s", got)
	}
}

// An unset secret prints as empty, so "it was never set" stays visible.
func TestPrintingShowsUnset(t *testing.T) {
	got := Telegram{AppID: 1}.String()
	if want := "{AppID:1 AppHash: Phone: Server:<nil>}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := fmt.Sprintf("%#v", Telegram{}); !strings.Contains(got, "(*config.Server)(nil)") {
		t.Errorf("%%#v = %s", got)
	}
}
