package emulator

import "github.com/gotd/td/tgtest"

// liveSession is the latest session of an auth key and the DC it is on.
type liveSession struct {
	dc int
	tgtest.Session
}

func (e *Emulator) trackSession(dc int, s tgtest.Session) {
	e.mu.Lock()
	e.world.sessions[s.AuthKey.ID] = liveSession{dc: dc, Session: s}
	e.mu.Unlock()
}

// boundUser is the account the auth key is logged in to, 0 for none. A
// key restored from Options.StatePath whose account was not added again
// this time is logged in to no one: its calls meet AUTH_KEY_UNREGISTERED,
// as a deleted account's sessions do (core.telegram.org/api/errors: 401
// AUTH_KEY_UNREGISTERED, "the key is not registered in the system").
func (e *Emulator) boundUser(key [8]byte) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := e.world.keys[key]
	if e.world.users[id] == nil {
		return 0
	}
	return id
}

// sessionsOf is the latest session of every auth key bound to the account,
// on every DC.
func (e *Emulator) sessionsOf(userID int64) []liveSession {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []liveSession
	for k, uid := range e.world.keys {
		if uid == userID {
			if s, ok := e.world.sessions[k]; ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// homeSessions are the account's sessions on its home DC: the only ones
// Telegram sends updates to. A DC that holds only an imported authorization
// serves files and gets no updates (core.telegram.org/api/datacenter).
func (e *Emulator) homeSessions(userID int64) []liveSession {
	home := e.homeDC(userID)
	var out []liveSession
	for _, s := range e.sessionsOf(userID) {
		if s.dc == home {
			out = append(out, s)
		}
	}
	return out
}

// homeDC is the DC the user lives on.
func (e *Emulator) homeDC(userID int64) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.world.users[userID]; u != nil {
		return u.dc
	}
	return e.opts.DC
}

// Online reports whether the account has a bound auth key with a session
// on its home DC.
func (e *Emulator) Online(userID int64) bool { return len(e.homeSessions(userID)) > 0 }
