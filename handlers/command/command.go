// Package command turns the text of one message from Saved Messages into a
// Command, or into a *usererr.Error worded for the user, against a
// Catalogue of command specs, and renders /help from the same specs. It
// knows no command of its own: each is a Spec that the handlers declare,
// one file per command, and hand in as the Catalogue. It does no I/O.
package command

import (
	"fmt"

	"persona/internal/usererr"
)

const (
	// MaxTargets bounds one command's fan-out, so one typo-laden paste cannot
	// trigger hundreds of Telegram calls and flood waits.
	MaxTargets = 50
	// MaxRunes is Telegram's own limit for a message text; anything longer did
	// not come from a Telegram app and is refused before tokenising.
	MaxRunes = 4096
)

// TargetKind tells how the user named a target, which decides how the
// handler resolves it (username lookup, contact by phone, or peer cache by id).
type TargetKind int

const (
	Username TargetKind = iota + 1 // @alice, t.me/alice, https://t.me/alice
	Phone                          // +15550001111
	UserID                         // 12345
)

func (k TargetKind) String() string {
	switch k {
	case Username:
		return "username"
	case Phone:
		return "phone"
	case UserID:
		return "user id"
	default:
		return fmt.Sprintf("TargetKind(%d)", int(k))
	}
}

// Target is one user named in a command.
type Target struct {
	Kind  TargetKind
	Raw   string // as typed, for replies: "@alice", "t.me/bob", "+15550001111", "12345"
	Value string // username without @ (case kept), phone digits, or id digits without leading zeros
	ID    int64  // set for UserID
}

// Label is how replies name the target. Usernames always read as @name, even
// when typed as a link, so one contact is named the same way in every reply.
func (t Target) Label() string {
	switch t.Kind {
	case Username:
		return "@" + t.Value
	case Phone:
		return "+" + t.Value
	case UserID:
		return "id " + t.Value
	default:
		return t.Raw
	}
}

// Command is what one message says, checked against its Spec: the command
// word, its targets and its options.
type Command struct {
	Name    string   // a Spec name: "setphoto", "suggest", "reset", "undo", "hide", "keep", "history", "list", "help", "status"
	Targets []Target // de-duplicated, in the order typed
	All     bool     // the target is `all`: every contact; Targets is empty
	Options Options
	Topic   string // for /help COMMAND: the command asked about, without prefix; "" otherwise
}

// userErrorf is a mistake in what the user typed: a plain sentence shown
// to the user as is, after "❌ ".
func userErrorf(format string, args ...any) *usererr.Error {
	return usererr.Errorf(format, args...)
}
