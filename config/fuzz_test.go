package config

import (
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary files to Load: it must never panic, and whatever
// it accepts must be usable without further checks.
func FuzzLoad(f *testing.F) {
	// Empty variables count as unset, so the developer's own are ignored.
	f.Setenv(EnvAppID, "")
	f.Setenv(EnvAppHash, "")
	for _, seed := range []string{
		"",
		validTOML,
		validTOML + "phone = \"+1 (555) 000-1111\"\n[storage]\npath = \"a/b.db\"\n[bot]\nprefix = \"!\"\n[log]\nlevel = \"DEBUG\"\nfile = \"x.log\"\n",
		serverTOML("127.0.0.1:10443", "2", "server.pem"),
		serverTOML("[::1]:1", "1000", "/nonexistent.pem"),
		validTOML + "[bot]\nprefix = \"\"\n",
		validTOML + "app_idd = 1\n",
		"[telegram]\napp_hash = 0123abcd\n",
		"[[telegram]]\n[telegram.server]\n",
		"telegram = { app_id = 1, app_hash = \"h\", server = { dc = 1 } }\n",
		"[bot]\nprefix = \"\\u0000\"\n",
	} {
		f.Add([]byte(seed))
	}
	// One folder per process: the fuzz function runs sequentially within a
	// worker, and a fresh TempDir per input would dominate the run time.
	dir := f.TempDir()
	writeFile(f, dir, "server.pem", pkcs1PEM())
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Load(writeFile(t, dir, "config.toml", data))
		if err != nil {
			return
		}
		tg := cfg.Telegram
		if tg.AppID <= 0 || tg.AppHash == "" || cfg.Bot.Prefix == "" {
			t.Fatalf("accepted an unusable config: id %d, hash set %v, prefix %q", tg.AppID, tg.AppHash != "", cfg.Bot.Prefix)
		}
		if err := checkPrefix(cfg.Bot.Prefix); err != nil {
			t.Fatalf("accepted prefix %q: %v", cfg.Bot.Prefix, err)
		}
		if lvl, err := checkLevel(cfg.Log.Level); err != nil || lvl != cfg.Log.Level {
			t.Fatalf("accepted level %q", cfg.Log.Level)
		}
		if !filepath.IsAbs(cfg.Path) || !filepath.IsAbs(cfg.Storage.Path) || (cfg.Log.File != "" && !filepath.IsAbs(cfg.Log.File)) {
			t.Fatalf("relative path in %+v", cfg)
		}
		if s := tg.Server; s != nil {
			if keys, err := s.RSAPublicKeys(); err != nil || len(keys) == 0 || s.DC < 1 || s.Address == "" {
				t.Fatalf("accepted server %+v: %d keys, %v", s, len(keys), err)
			}
		}
	})
}
