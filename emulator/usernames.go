package emulator

import (
	"strings"

	"github.com/gotd/td/tg"
)

// usernameList is the user's usernames as Telegram sends them in
// user.usernames: the editable one first, then the collectible and extra
// ones, all active (core.telegram.org/constructor/username).
func (u *user) usernameList() []tg.Username {
	var out []tg.Username
	if u.username != "" {
		out = append(out, tg.Username{Editable: true, Active: true, Username: u.username})
	}
	for _, name := range u.usernames {
		out = append(out, tg.Username{Active: true, Username: name})
	}
	return out
}

// hasUsername reports whether name is one of the user's active usernames;
// contacts.resolveUsername finds a user by any of them.
func (u *user) hasUsername(name string) bool {
	if u.username != "" && strings.EqualFold(u.username, name) {
		return true
	}
	for _, n := range u.usernames {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

func trimAts(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n = strings.TrimPrefix(n, "@"); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// SetUsernames changes the user's usernames, as the user would in an app or
// by buying or selling one: the first is the editable username, the rest a
// usernames list. A name another user held passes to this one, as a
// username given up and taken by someone else does.
func (e *Emulator) SetUsernames(userID int64, names ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	names = trimAts(names)
	for _, other := range e.world.users {
		for _, n := range names {
			if other.id != userID && other.hasUsername(n) {
				other.dropUsername(n)
			}
		}
	}
	u := e.world.users[userID]
	if u == nil {
		return
	}
	u.username, u.usernames = "", nil
	if len(names) > 0 {
		u.username, u.usernames = names[0], names[1:]
	}
}

func (u *user) dropUsername(name string) {
	if strings.EqualFold(u.username, name) {
		u.username = ""
	}
	kept := u.usernames[:0]
	for _, n := range u.usernames {
		if !strings.EqualFold(n, name) {
			kept = append(kept, n)
		}
	}
	u.usernames = kept
}
