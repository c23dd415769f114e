// Package names says how a Telegram user is named in Persona's replies,
// log lines and messages: one way everywhere, so the account named by
// `persona login` is the one /status and a database refusal name.
package names

import (
	"strings"

	"github.com/gotd/td/tg"
)

// Of is how Telegram's apps name a user: first and last name (either may
// be missing), else the username, else the phone. A deleted account has
// none of them and is named as Telegram's apps name it.
func Of(u *tg.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	switch {
	case name != "":
		return name
	case u.Username != "":
		return "@" + u.Username
	case u.Phone != "":
		return "+" + u.Phone
	case u.Deleted:
		return "Deleted Account"
	}
	return "no name"
}
