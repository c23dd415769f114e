package emulator

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-faster/errors"

	"github.com/gotd/td/crypto"
)

// stateVersion is the format of the state file; a file of another version
// is set aside as damaged.
const stateVersion = 1

// savedState is what Options.StatePath keeps from one start to the next:
// what a client's login needs to go on working. Telegram keeps all of it
// for good: a client keeps a user's id and access hash and uses them for
// ever (core.telegram.org/api/peers: "the id+access hash must be persisted
// to a database and never deleted, to avoid losing access to the API"), an
// auth key stays bound to the account until auth.logOut
// (core.telegram.org/method/auth.logOut), and an account's pts and message
// ids only grow (core.telegram.org/api/updates). Messages and files are not
// kept.
type savedState struct {
	Version    int         `json:"version"`
	NextUserID int64       `json:"next_user_id"`
	Users      []savedUser `json:"users"`
	Keys       []savedKey  `json:"keys"`
	Boxes      []savedBox  `json:"boxes"`
}

// savedUser is matched to a user added again by its name, username and
// phone, so that the same person gets the same id and access hash.
type savedUser struct {
	ID         int64  `json:"id"`
	AccessHash int64  `json:"access_hash"`
	FirstName  string `json:"first_name"`
	Username   string `json:"username,omitempty"`
	Phone      string `json:"phone,omitempty"`
}

// savedKey is a permanent auth key bound to an account, on the DC that
// made it.
type savedKey struct {
	DC       int    `json:"dc"`
	Key      []byte `json:"key"` // the 256-byte auth key; its id is derived from it
	UserID   int64  `json:"user_id"`
	Imported bool   `json:"imported,omitempty"` // bound by auth.importAuthorization off the home DC
}

// savedBox is where an account's pts and message ids go on from.
type savedBox struct {
	UserID    int64 `json:"user_id"`
	Pts       int   `json:"pts"`
	LastMsgID int   `json:"last_msg_id"`
}

// stateMargin is how far pts and message ids jump past the saved ones at a
// start: the state is saved every second, so a client may have seen a few
// updates after the last save, and a pts or message id seen twice would be
// taken for one already handled.
const stateMargin = 100

func (u savedUser) matches(spec UserSpec) bool {
	return u.FirstName == spec.FirstName && u.Username == trimAt(spec.Username) && u.Phone == digits(spec.Phone)
}

func trimAt(s string) string {
	if len(s) > 0 && s[0] == '@' {
		return s[1:]
	}
	return s
}

// readState reads a state file; a missing one is an empty state and no
// error.
func readState(path string) (savedState, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return savedState{Version: stateVersion}, nil
	}
	if err != nil {
		return savedState{}, err
	}
	return parseState(b)
}

// parseState reads the contents of a state file.
func parseState(b []byte) (savedState, error) {
	var s savedState
	if err := json.Unmarshal(b, &s); err != nil {
		return savedState{}, errors.Wrap(err, "not a state file")
	}
	if s.Version != stateVersion {
		return savedState{}, errors.Errorf("state file version %d, want %d", s.Version, stateVersion)
	}
	for _, k := range s.Keys {
		if len(k.Key) != len(crypto.Key{}) || k.UserID == 0 {
			return savedState{}, errors.New("state file holds a damaged auth key")
		}
	}
	return s, nil
}

// writeState writes s to path atomically, mode 0600 (it holds auth keys):
// a temporary file beside it, then a rename, so that a crash leaves the
// old file or the new one, never half of one.
func writeState(path string, s savedState) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := tmp.Chmod(0o600); err != nil {
		_ = tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// snapshot is the world's state to save. Called with Emulator.mu held.
func (w *world) snapshot() savedState {
	s := savedState{Version: stateVersion, NextUserID: w.nextUserID}
	for _, u := range w.users {
		s.Users = append(s.Users, savedUser{ID: u.id, AccessHash: u.accessHash, FirstName: u.first, Username: u.username, Phone: u.phone})
	}
	for _, u := range w.saved { // people saved before and not added again this time stay
		if w.users[u.ID] == nil {
			s.Users = append(s.Users, u)
		}
	}
	for id, uid := range w.keys {
		_, imported := w.imported[id]
		if live, ok := w.sessions[id]; ok {
			s.Keys = append(s.Keys, savedKey{DC: live.dc, Key: live.AuthKey.Value[:], UserID: uid, Imported: imported})
		} else if k, ok := w.restoredKeys[id]; ok { // not used since this start
			s.Keys = append(s.Keys, savedKey{DC: k.DC, Key: k.Key, UserID: uid, Imported: imported})
		}
	}
	for uid, b := range w.boxes {
		s.Boxes = append(s.Boxes, savedBox{UserID: uid, Pts: b.pts, LastMsgID: b.lastMsgID})
	}
	slices.SortFunc(s.Users, func(a, b savedUser) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Keys, func(a, b savedKey) int { return slices.Compare(a.Key, b.Key) })
	slices.SortFunc(s.Boxes, func(a, b savedBox) int { return cmp.Compare(a.UserID, b.UserID) })
	return s
}

// restore takes a saved state into a new world: the people wait to be
// added again, the keys are bound again, the boxes go on past their pts
// and message ids. It returns the auth keys each DC must know.
func (w *world) restore(s savedState) map[int][]crypto.AuthKey {
	w.nextUserID = max(w.nextUserID, s.NextUserID)
	w.saved = s.Users
	keys := map[int][]crypto.AuthKey{}
	for _, k := range s.Keys {
		var v crypto.Key
		copy(v[:], k.Key)
		ak := v.WithID()
		keys[k.DC] = append(keys[k.DC], ak)
		w.keys[ak.ID] = k.UserID
		w.restoredKeys[ak.ID] = k
		if k.Imported {
			w.imported[ak.ID] = k.DC
		}
	}
	for _, sb := range s.Boxes {
		b := w.box(sb.UserID)
		b.pts, b.lastMsgID = sb.Pts+stateMargin, sb.LastMsgID+stateMargin
	}
	return keys
}

// takeSaved returns the saved person spec describes, and forgets it; ok is
// false when there is none.
func (w *world) takeSaved(spec UserSpec) (savedUser, bool) {
	for i, u := range w.saved {
		if u.matches(spec) && w.users[u.ID] == nil {
			w.saved = slices.Delete(w.saved, i, i+1)
			return u, true
		}
	}
	return savedUser{}, false
}
