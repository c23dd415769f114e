// Package config loads Persona's TOML configuration: it reads the file,
// applies the PERSONA_APP_ID / PERSONA_APP_HASH overrides and defaults,
// validates every key and resolves relative paths against the file's folder,
// so that the rest of the program gets values it can use without checks.
package config

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // bot.timezone works on a server without a zoneinfo folder too

	"github.com/BurntSushi/toml"
	"github.com/go-faster/errors"
)

// Environment variables read by the package.
const (
	EnvConfig  = "PERSONA_CONFIG"
	EnvAppID   = "PERSONA_APP_ID"
	EnvAppHash = "PERSONA_APP_HASH"
	// EnvLogLevel and EnvLogFormat override log.level and log.format, to
	// look closer at one run without editing the file.
	EnvLogLevel  = "PERSONA_LOG_LEVEL"
	EnvLogFormat = "PERSONA_LOG_FORMAT"
)

// Defaults applied when a key is absent.
const (
	DefaultFile      = "config.toml"
	DefaultStorage   = "persona.db"
	DefaultPrefix    = "/"
	DefaultLogLevel  = "info"
	telegramAppsPage = "https://my.telegram.org"
)

// Config is a loaded, validated configuration.
type Config struct {
	Path     string // absolute path of the file it was loaded from; empty when there was none
	Telegram Telegram
	Storage  Storage
	Bot      Bot
	Log      Log
}

// Telegram holds the API credentials. It redacts AppHash and Phone whenever it
// is printed (see redact.go), because configs end up in logs and bug reports.
type Telegram struct {
	AppID   int
	AppHash string
	Phone   string  // empty: asked at login
	Server  *Server // nil when [telegram.server] is absent: production Telegram
}

// Server points the client at a non-production server: Telegram's test DCs
// or the embedded emulator.
type Server struct {
	Address       string // host:port
	DC            int
	PublicKeyPath string // resolved, absolute
	PublicKeyPEM  []byte // the file's contents, checked to hold only RSA public keys
}

// Storage is where Persona keeps its state.
type Storage struct {
	Path string // resolved, absolute; default persona.db next to the config file
}

// Bot configures how commands are recognised and answered.
type Bot struct {
	Prefix string // default "/"
	// Location is the time zone replies show times in: bot.timezone, else
	// the zone the daemon runs in (TZ, else the system's).
	Location *time.Location
}

// Log configures logging.
type Log struct {
	Level  string // debug, info, warn or error; default info
	Format string // "text" or "json"; empty: text on a terminal, JSON lines elsewhere
	File   string // resolved, absolute; empty means standard error
}

// file mirrors the TOML layout. It is kept apart from Config so the on-disk
// names can stay snake_case and presence can be told apart from zero values.
type file struct {
	Telegram struct {
		AppID   int         `toml:"app_id"`
		AppHash string      `toml:"app_hash"`
		Phone   string      `toml:"phone"`
		Server  *serverFile `toml:"server"`
	} `toml:"telegram"`
	Storage struct {
		Path string `toml:"path"`
	} `toml:"storage"`
	Bot struct {
		Prefix   string `toml:"prefix"`
		Timezone string `toml:"timezone"`
	} `toml:"bot"`
	Log struct {
		Level  string `toml:"level"`
		Format string `toml:"format"`
		File   string `toml:"file"`
	} `toml:"log"`
}

type serverFile struct {
	Address   string `toml:"address"`
	DC        int    `toml:"dc"`
	PublicKey string `toml:"public_key"`
}

// DefaultPath returns $PERSONA_CONFIG if set, else "config.toml".
func DefaultPath() string {
	if p := os.Getenv(EnvConfig); p != "" {
		return p
	}
	return DefaultFile
}

// Load reads the file, applies env overrides, defaults and validation, and
// resolves relative paths against the config file's folder. Every error
// names the file and the offending key, and the line where the file has one;
// none contains the app hash or phone. Every error matches ErrInvalid.
//
// With no file at the default path (DefaultFile: no -config, no
// $PERSONA_CONFIG), PERSONA_APP_ID and PERSONA_APP_HASH alone are enough, and
// the working folder stands in for the file's folder.
func Load(path string) (*Config, error) {
	cfg, err := load(path)
	if err != nil {
		return nil, &invalidError{err}
	}
	return cfg, nil
}

func load(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, errors.Wrapf(err, "config file %s", path)
	}
	data, err := os.ReadFile(abs)
	if errors.Is(err, os.ErrNotExist) {
		explicit := filepath.Clean(path) != DefaultFile
		if !explicit && envCredentials() {
			return fromEnv(filepath.Dir(abs))
		}
		return nil, &notFoundError{path: abs, explicit: explicit, err: err}
	}
	if err != nil {
		return nil, errors.Wrapf(unwrapPath(err), "cannot read config file %s", path)
	}

	src := string(data)
	var f file
	md, err := toml.Decode(src, &f)
	if err != nil {
		return nil, tomlError(err, src, path)
	}
	if errs := unknownKeys(md, src, path); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	cfg, problems := build(&f, md, filepath.Dir(abs))
	if err := report(problems, path, src); err != nil {
		return nil, err
	}
	cfg.Path = abs
	return cfg, nil
}

// envCredentials reports whether both credentials are in the environment.
func envCredentials() bool {
	return strings.TrimSpace(os.Getenv(EnvAppID)) != "" && strings.TrimSpace(os.Getenv(EnvAppHash)) != ""
}

// fromEnv builds a Config from the environment and defaults alone, with dir
// (the working folder) in place of the config file's folder.
func fromEnv(dir string) (*Config, error) {
	cfg, problems := build(&file{}, toml.MetaData{}, dir)
	if err := report(problems, "environment (no config file)", ""); err != nil {
		return nil, err
	}
	return cfg, nil
}

// report puts every problem on its own line, each naming where it is, so a
// user fixes the file in one go: the file, and the line of the key the
// problem begins with ("log.level must be …") where src, the file, has it.
func report(problems []error, where, src string) error {
	if len(problems) == 0 {
		return nil // a good file is not read again for its lines
	}
	lineOf := keyLines(src)
	var errs []error
	for _, p := range problems {
		for _, one := range flatten(p) {
			key, _, _ := strings.Cut(one.Error(), " ")
			errs = append(errs, at(where, lineOf[key], one.Error()))
		}
	}
	return errors.Join(errs...)
}

// build turns the decoded file into a Config, collecting every problem.
func build(f *file, md toml.MetaData, dir string) (*Config, []error) {
	var problems []error
	add := func(err error) {
		if err != nil {
			problems = append(problems, err)
		}
	}
	cfg := &Config{}

	add(applyEnv(f))
	add(buildTelegram(&cfg.Telegram, f))
	if f.Telegram.Server != nil {
		s, err := buildServer(f.Telegram.Server, dir)
		add(err)
		cfg.Telegram.Server = s
	}

	cfg.Storage.Path = filepath.Join(dir, DefaultStorage)
	if md.IsDefined("storage", "path") {
		if f.Storage.Path == "" {
			add(errors.New("storage.path is empty: remove it to use " + DefaultStorage + " next to the config file"))
		} else {
			cfg.Storage.Path = resolve(dir, f.Storage.Path)
		}
	}

	cfg.Bot.Prefix = DefaultPrefix
	if md.IsDefined("bot", "prefix") {
		add(checkPrefix(f.Bot.Prefix))
		cfg.Bot.Prefix = f.Bot.Prefix
	}

	cfg.Bot.Location = time.Local
	if md.IsDefined("bot", "timezone") {
		loc, err := checkTimezone(f.Bot.Timezone)
		add(err)
		cfg.Bot.Location = loc
	}

	add(buildLog(&cfg.Log, f, md))
	if f.Log.File != "" {
		cfg.Log.File = resolve(dir, f.Log.File)
	}
	return cfg, problems
}

// buildLog reads [log], with PERSONA_LOG_LEVEL and PERSONA_LOG_FORMAT
// over the file's keys.
func buildLog(l *Log, f *file, md toml.MetaData) error {
	var problems []error
	l.Level = DefaultLogLevel
	if v := strings.TrimSpace(os.Getenv(EnvLogLevel)); v != "" {
		lvl, err := checkLevel(v)
		if err != nil {
			err = errors.New(EnvLogLevel + " must be one of " + strings.Join(levels, ", "))
		}
		problems = append(problems, err)
		l.Level = lvl
	} else if md.IsDefined("log", "level") {
		lvl, err := checkLevel(f.Log.Level)
		problems = append(problems, err)
		l.Level = lvl
	}
	if v := strings.TrimSpace(os.Getenv(EnvLogFormat)); v != "" {
		format, err := checkFormat(v)
		if err != nil {
			err = errors.New(EnvLogFormat + " must be one of " + strings.Join(formats, ", "))
		}
		problems = append(problems, err)
		l.Format = format
	} else if md.IsDefined("log", "format") {
		format, err := checkFormat(f.Log.Format)
		problems = append(problems, err)
		l.Format = format
	}
	return errors.Join(problems...)
}

// applyEnv lets deployments keep the credentials out of the file. An empty
// variable counts as unset, as is usual for env files and containers.
func applyEnv(f *file) error {
	if v := strings.TrimSpace(os.Getenv(EnvAppHash)); v != "" {
		f.Telegram.AppHash = v
	}
	v := strings.TrimSpace(os.Getenv(EnvAppID))
	if v == "" {
		return nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 || id > maxAppID {
		return errors.New(EnvAppID + " must be a positive whole number (your api_id from " + telegramAppsPage + ")")
	}
	f.Telegram.AppID = id
	return nil
}

// resolve makes p absolute relative to the config file's folder, so the
// daemon behaves the same whatever its working directory.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
