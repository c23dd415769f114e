package config

import (
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

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
