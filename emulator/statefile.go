package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"time"
	"unsafe"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/crypto"
	"github.com/gotd/td/tgtest"
)

// loadState reads Options.StatePath into the new world. A file that cannot
// be read is set aside (renamed to PATH.damaged) and the emulator starts
// fresh; StateError tells why.
func (e *Emulator) loadState() map[int][]crypto.AuthKey {
	path := e.opts.StatePath
	if path == "" {
		return nil
	}
	s, err := readState(path)
	if err != nil {
		e.stateErr = errors.Wrapf(err, "%s", path)
		if rerr := os.Rename(path, path+".damaged"); rerr == nil {
			e.stateErr = errors.Wrapf(err, "%s (set aside as %s.damaged)", path, path)
		}
		return nil
	}
	return e.world.restore(s)
}

// StateError is why Options.StatePath could not be loaded at the start,
// nil when it was loaded or did not exist yet. The emulator then started
// fresh: new ids for its people, no login kept.
func (e *Emulator) StateError() error { return e.stateErr }

// saveStateEvery writes the state file whenever it changed, checking every
// period, until ctx ends.
func (e *Emulator) saveStateEvery(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := e.saveState(); err != nil {
				e.opts.Logger.Warn("save state", zap.Error(err))
			}
		}
	}
}

// saveState writes the state file when it changed since the last write.
func (e *Emulator) saveState() error {
	if e.opts.StatePath == "" {
		return nil
	}
	e.mu.Lock()
	s := e.world.snapshot()
	e.mu.Unlock()
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	if bytes.Equal(b, e.lastSaved) {
		return nil
	}
	if err := writeState(e.opts.StatePath, s); err != nil {
		return errors.Wrap(err, "save emulator state")
	}
	e.lastSaved = b
	return nil
}

// preloadKeys makes srv know auth keys made at an earlier start. tgtest
// keeps its keys in an unexported map (tgtest/conns.go, users.sessions,
// filled only by its own key exchange) and answers any other key with
// -404, so they are put there before Serve starts; a gotd whose Server
// has no such map any more fails here, not silently.
func preloadKeys(srv *tgtest.Server, keys []crypto.AuthKey) error {
	if len(keys) == 0 {
		return nil
	}
	users := reflect.ValueOf(srv).Elem().FieldByName("users")
	if users.Kind() != reflect.Pointer || users.IsNil() {
		return errors.New("tgtest.Server has no users: cannot restore auth keys")
	}
	field := users.Elem().FieldByName("sessions")
	if !field.IsValid() || field.Type() != reflect.TypeFor[map[[8]byte]crypto.AuthKey]() {
		return errors.New("tgtest users have no sessions map: cannot restore auth keys")
	}
	sessions := *(*map[[8]byte]crypto.AuthKey)(unsafe.Pointer(field.UnsafeAddr()))
	for _, k := range keys {
		sessions[k.ID] = k
	}
	return nil
}
