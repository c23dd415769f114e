package config_test

import (
	"fmt"
	"os"
	"path/filepath"

	"persona/config"
)

func ExampleLoad() {
	dir, _ := os.MkdirTemp("", "persona")
	defer func() { _ = os.RemoveAll(dir) }()
	path := filepath.Join(dir, "config.toml")
	_ = os.WriteFile(path, []byte(`
[telegram]
app_id = 12345
app_hash = "0123456789abcdef0123456789abcdef"

[bot]
prefix = "!"
`), 0o600)

	cfg, err := config.Load(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cfg.Telegram) // the hash is redacted whenever it is printed
	fmt.Println(cfg.Bot.Prefix, cfg.Log.Level, filepath.Base(cfg.Storage.Path))
	// Output:
	// {AppID:12345 AppHash:[redacted] Phone: Server:<nil>}
	// ! info persona.db
}
