package config

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestLoadValues(t *testing.T) {
	tests := []struct {
		name, toml string
		check      func(*Config) bool
	}{
		{"phone", `phone = "` + testPhone + `"`, func(c *Config) bool { return c.Telegram.Phone == testPhone }},
		{"phone trimmed", `phone = " +1 (555) 000-1111 "`, func(c *Config) bool { return c.Telegram.Phone == "+1 (555) 000-1111" }},
		{"empty phone", `phone = ""`, func(c *Config) bool { return c.Telegram.Phone == "" }},
		{"hash trimmed", "", func(c *Config) bool { return c.Telegram.AppHash == testHash }},
		{"prefix", "[bot]\nprefix = \"!\"", func(c *Config) bool { return c.Bot.Prefix == "!" }},
		{"prefix of three", "[bot]\nprefix = \"->>\"", func(c *Config) bool { return c.Bot.Prefix == "->>" }},
		{"emoji prefix", "[bot]\nprefix = \"🤖\"", func(c *Config) bool { return c.Bot.Prefix == "🤖" }},
		{"level", "[log]\nlevel = \"debug\"", func(c *Config) bool { return c.Log.Level == "debug" }},
		{"level any case", "[log]\nlevel = \"WARN\"", func(c *Config) bool { return c.Log.Level == "warn" }},
		{"largest app_id", "[storage]", func(c *Config) bool { return c.Telegram.AppID == 12345 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			cfg := mustLoad(t, writeConfig(t, validTOML+tt.toml+"\n"))
			if !tt.check(cfg) {
				t.Errorf("unexpected config %+v", cfg)
			}
		})
	}
}

func TestLoadInvalid(t *testing.T) {
	tests := []struct{ name, toml, want string }{
		{"no app_id", "[telegram]\napp_hash = \"" + testHash + "\"", "telegram.app_id is missing"},
		{"zero app_id", "[telegram]\napp_id = 0\napp_hash = \"" + testHash + "\"", "telegram.app_id is missing"},
		{"negative app_id", "[telegram]\napp_id = -1\napp_hash = \"" + testHash + "\"", "telegram.app_id must be a positive whole number: get your api_id at https://my.telegram.org (API development tools) and set it here or in PERSONA_APP_ID"},
		{"huge app_id", "[telegram]\napp_id = 9999999999\napp_hash = \"" + testHash + "\"", "telegram.app_id must be a positive"},
		{"no app_hash", "[telegram]\napp_id = 1", "telegram.app_hash is missing"},
		{"blank app_hash", "[telegram]\napp_id = 1\napp_hash = \"  \"", "telegram.app_hash is missing"},
		{"phone letters", validTOML + "phone = \"" + testPhone + "x\"", "telegram.phone does not look like a phone number"},
		{"phone short", validTOML + "phone = \"+1234\"", "telegram.phone"},
		{"phone plus inside", validTOML + "phone = \"7999+0001234\"", "telegram.phone"},
		{"phone two pluses", validTOML + "phone = \"+" + testPhone + "\"", "telegram.phone"},
		{"phone only punctuation", validTOML + "phone = \"+() --\"", "telegram.phone"},
		{"phone dots", validTOML + "phone = \"79990001234.\"", "telegram.phone"},
		{"empty prefix", validTOML + "[bot]\nprefix = \"\"", "bot.prefix must be 1 to 3 characters"},
		{"long prefix", validTOML + "[bot]\nprefix = \"////\"", "bot.prefix must be 1 to 3 characters"},
		{"letter prefix", validTOML + "[bot]\nprefix = \"p\"", "bot.prefix must not contain letters or digits"},
		{"digit prefix", validTOML + "[bot]\nprefix = \"!1\"", "bot.prefix must not contain letters or digits"},
		{"cyrillic prefix", validTOML + "[bot]\nprefix = \"ж\"", "bot.prefix must not contain letters"},
		{"space prefix", validTOML + "[bot]\nprefix = \"/ \"", "bot.prefix must not contain spaces"},
		{"tab prefix", validTOML + "[bot]\nprefix = \"\\t\"", "bot.prefix must not contain spaces"},
		{"control prefix", validTOML + "[bot]\nprefix = \"\\u0007\"", "bot.prefix must not contain spaces or control"},
		{"reply mark prefix", validTOML + "[bot]\nprefix = \"✅\"", "bot.prefix must not start with ✅"},
		{"bad level", validTOML + "[log]\nlevel = \"verbose\"", "log.level must be one of debug, info, warn, error"},
		{"empty level", validTOML + "[log]\nlevel = \"\"", "log.level must be one of"},
		{"empty storage", validTOML + "[storage]\npath = \"\"", "storage.path is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			_, err := Load(writeConfig(t, tt.toml+"\n"))
			wantErr(t, err, tt.want)
			if !regexp.MustCompile(`config\.toml(:\d+)?: `).MatchString(err.Error()) {
				t.Errorf("%v does not name the file", err)
			}
		})
	}
}

// All problems are reported at once, one per line, each naming the file.
func TestLoadReportsEveryProblem(t *testing.T) {
	clearEnv(t)
	path := writeConfig(t, "[telegram]\nphone = \"x\"\n[bot]\nprefix = \"a\"\n[log]\nlevel = \"loud\"\n")
	_, err := Load(path)
	wantErr(t, err, "telegram.app_id", "telegram.app_hash", "telegram.phone", "bot.prefix", "log.level")
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%v", len(lines), err)
	}
	wantLine := map[string]string{"telegram.app_id": "", "telegram.app_hash": "", "telegram.phone": ":2", "bot.prefix": ":4", "log.level": ":6"}
	for _, l := range lines {
		key, _, _ := strings.Cut(l[strings.Index(l, ": ")+2:], " ")
		if want := path + wantLine[key] + ": "; !strings.HasPrefix(l, want) {
			t.Errorf("line %q does not start with %q: the file and the key's line", l, want)
		}
	}
}

// TestLogFormatAndEnv: log.format, and PERSONA_LOG_LEVEL and
// PERSONA_LOG_FORMAT over the file's keys; a bad value names the variable.
func TestLogFormatAndEnv(t *testing.T) {
	tests := []struct {
		name, toml, level, format string
		wantLevel, wantFormat     string
		wantErr                   string
	}{
		{name: "default", wantLevel: "info"},
		{name: "json", toml: "[log]\nformat = \"json\"", wantLevel: "info", wantFormat: "json"},
		{name: "text any case", toml: "[log]\nformat = \"TEXT\"", wantLevel: "info", wantFormat: "text"},
		{name: "env over file", toml: "[log]\nlevel = \"warn\"\nformat = \"json\"", level: "debug", format: "text", wantLevel: "debug", wantFormat: "text"},
		{name: "bad format", toml: "[log]\nformat = \"xml\"", wantErr: "config.toml:6: log.format must be one of text, json"},
		{name: "bad env level", level: "loud", wantErr: "PERSONA_LOG_LEVEL must be one of debug, info, warn, error"},
		{name: "bad env format", format: "xml", wantErr: "PERSONA_LOG_FORMAT must be one of text, json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv(EnvLogLevel, tt.level)
			t.Setenv(EnvLogFormat, tt.format)
			cfg, err := Load(writeConfig(t, validTOML+tt.toml+"\n"))
			if tt.wantErr != "" {
				wantErr(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Log.Level != tt.wantLevel || cfg.Log.Format != tt.wantFormat {
				t.Errorf("level %q format %q, want %q %q", cfg.Log.Level, cfg.Log.Format, tt.wantLevel, tt.wantFormat)
			}
		})
	}
}

func TestValidPhone(t *testing.T) {
	tests := map[string]bool{
		"+15550001111":      true,
		"15550001111":       true,
		"+1 (555) 000-1111": true,
		"12345":             true,
		"1234":              false,
		"+":                 false,
		"":                  false,
		"+1555000111a":      false,
		"+1555\n0001111":    false,
		"+1555\u00a00001":   false, // no-break space is not a plain space
		"(+1) 5550001111":   false, // + only leads
	}
	for in, want := range tests {
		if got := validPhone(in); got != want {
			t.Errorf("validPhone(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCheckPrefix(t *testing.T) {
	tests := map[string]bool{
		"/": true, "!": true, ".": true, "#!": true, "~~~": true, "🤖": true, "→": true,
		"": false, "    ": false, "a": false, "/a": false, "1": false, "٣": false, "Ⅻ": false,
		"\xff": false, "/ /": false, "////": false, "❌": false, "✅!": false, "!✅": true,
	}
	for in, want := range tests {
		if got := checkPrefix(in) == nil; got != want {
			t.Errorf("checkPrefix(%q) ok = %v, want %v", in, got, want)
		}
	}
}

// TestTimezone: bot.timezone is an IANA name; without it replies use the
// zone the daemon runs in; a bad name is an error with its line.
func TestTimezone(t *testing.T) {
	clearEnv(t)
	cfg := mustLoad(t, writeConfig(t, validTOML+"[bot]\ntimezone = \"Asia/Kathmandu\"\n"))
	if cfg.Bot.Location == nil || cfg.Bot.Location.String() != "Asia/Kathmandu" {
		t.Errorf("Location = %v, want Asia/Kathmandu", cfg.Bot.Location)
	}
	cfg = mustLoad(t, writeConfig(t, validTOML))
	if cfg.Bot.Location != time.Local {
		t.Errorf("Location without the key = %v, want time.Local", cfg.Bot.Location)
	}
	lines := strings.Count(validTOML, "\n")
	for _, tt := range []struct{ value, want string }{
		{`"Mars/Olympus"`, `bot.timezone "Mars/Olympus" is not a time zone: use an IANA name`},
		{`""`, "bot.timezone is empty"},
		{`"../etc/passwd"`, `bot.timezone "../etc/passwd" is not a time zone`},
	} {
		path := writeConfig(t, validTOML+"[bot]\ntimezone = "+tt.value+"\n")
		_, err := Load(path)
		wantErr(t, err, fmt.Sprintf("config.toml:%d: %s", lines+2, tt.want))
	}
}
