// Package instance opens what one Persona is made of: its config, its
// database (locked, so one process per file), its log, and the session
// options they give. login and run both start here.
package instance

import (
	"io"
	"os"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"persona/config"
	"persona/internal/logging"
	"persona/session"
	"persona/storage"
)

// Instance is an opened config, database and log; Close releases them.
type Instance struct {
	Config    *config.Config
	DB        *storage.DB
	Log       *zap.Logger
	Session   session.Options // AppID, AppHash, Server, DB and Logger set
	ReopenLog func() error    // reopens the log file, after logrotate moved it (SIGHUP)
	Created   bool            // the database file did not exist before Open
	closeLog  func()
}

// Open loads the config at path (config.DefaultPath when empty), opens its
// database and its log, which goes to stderr unless the config names a file.
func Open(path string, stderr io.Writer) (*Instance, error) {
	cfg, db, created, err := open(path)
	if err != nil {
		return nil, err
	}
	logger, err := logging.New(cfg.Log.Level, cfg.Log.Format, cfg.Log.File, stderr)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	opts, err := sessionOptions(cfg, db, logger.Logger)
	if err != nil {
		logger.Close()
		_ = db.Close()
		return nil, err
	}
	return &Instance{Config: cfg, DB: db, Log: logger.Logger, Session: opts, ReopenLog: logger.Reopen, Created: created, closeLog: logger.Close}, nil
}

// Close closes the log and the database.
func (i *Instance) Close() {
	i.closeLog()
	_ = i.DB.Close()
}

// Discard closes the instance and, when Open created the database file,
// removes it: a login that did not store a session leaves no empty file.
func (i *Instance) Discard() {
	if i.Created {
		_ = os.Remove(i.DB.Path()) // still locked by us, so no one else has it open
	}
	i.Close()
}

// open loads the config and opens the database, saying whether it created
// the file; the caller closes it.
func open(path string) (cfg *config.Config, db *storage.DB, created bool, err error) {
	if path == "" {
		path = config.DefaultPath()
	}
	cfg, err = config.Load(path)
	if err != nil {
		return nil, nil, false, err
	}
	_, statErr := os.Stat(cfg.Storage.Path)
	created = errors.Is(statErr, os.ErrNotExist)
	db, err = storage.Open(cfg.Storage.Path, storage.Options{Timeout: time.Second})
	if errors.Is(err, storage.ErrLocked) {
		return nil, nil, false, &BusyError{Path: cfg.Storage.Path}
	}
	if err != nil {
		return nil, nil, false, err
	}
	return cfg, db, created, nil
}

// BusyError: another process (a running daemon) holds the database.
type BusyError struct{ Path string }

func (e *BusyError) Error() string { return "another persona is already running on " + e.Path }

func sessionOptions(cfg *config.Config, db *storage.DB, lg *zap.Logger) (session.Options, error) {
	opts := session.Options{AppID: cfg.Telegram.AppID, AppHash: cfg.Telegram.AppHash, DB: db, Logger: lg}
	if s := cfg.Telegram.Server; s != nil {
		keys, err := s.RSAPublicKeys()
		if err != nil {
			return opts, err
		}
		opts.Server = &session.Server{Address: s.Address, DC: s.DC, PublicKeys: keys}
	}
	return opts, nil
}
