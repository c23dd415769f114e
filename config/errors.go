package config

import (
	"os"
	"strconv"

	"github.com/go-faster/errors"
)

// ErrInvalid matches (errors.Is) every error Load returns: the configuration
// is missing or wrong, and starting again will not help until a human fixes
// it. main exits 78 (EX_CONFIG) on it, which the service unit does not restart.
var ErrInvalid = errors.New("invalid configuration")

// invalidError marks err as a configuration error without changing its text.
type invalidError struct{ err error }

func (e *invalidError) Error() string   { return e.err.Error() }
func (e *invalidError) Unwrap() []error { return []error{e.err, ErrInvalid} }

// notFoundError says what to do about a missing file while keeping
// os.ErrNotExist reachable for errors.Is.
type notFoundError struct {
	path     string // absolute, so it is plain where persona looked
	explicit bool   // named by -config or $PERSONA_CONFIG
	err      error
}

func (e *notFoundError) Error() string {
	alt := "or set " + EnvAppID + " and " + EnvAppHash + " to run without a config file"
	if e.explicit {
		alt = "or, to run without a config file, name none (no -config, no " + EnvConfig + ") and set " +
			EnvAppID + " and " + EnvAppHash
	}
	return "config file " + e.path + " not found: copy config.example.toml there and set app_id and app_hash in it, " + alt
}

func (e *notFoundError) Unwrap() error { return e.err }

// at prefixes msg with the file and, when known, the line, as compilers do.
func at(path string, line int, msg string) error {
	if line > 0 {
		return errors.New(path + ":" + strconv.Itoa(line) + ": " + msg)
	}
	return errors.New(path + ": " + msg)
}

// flatten splits an errors.Join result into its parts.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// unwrapPath drops the *PathError wrapper, whose text repeats the path.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
