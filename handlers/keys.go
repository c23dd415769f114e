package handlers

import (
	"fmt"
	"slices"
	"strings"

	"persona/handlers/command"
	"persona/storage"
)

// The queue keeps commands for one contact in order by keys: each change
// names its contacts in every way they may be typed, and two changes that
// share a key run one after another (inTheWay).

// allContacts is the key of a change with no target: it keeps in order
// with every other change.
const allContacts = "all"

// contactKeys names the contacts a command changes. A target is named as
// typed and, where the peer cache knows the user, by their id, each of
// their usernames and their phone: so "@alice" typed before her first
// command resolved and her id typed after it are one contact. A target the
// cache does not know yet also gets unresolved+kind: it may be the contact
// another one names in another way, so the two keep their order (shareKey).
// Commands that change nothing have none.
func (r *Router) contactKeys(j job) []string {
	if !j.changes() {
		return nil
	}
	var keys []string
	for _, t := range j.cmd.Targets {
		keys = append(keys, r.targetKeys(t)...)
	}
	if len(keys) == 0 {
		keys = append(keys, allContacts)
	}
	return keys
}

func (r *Router) targetKeys(t command.Target) []string {
	keys := []string{strings.ToLower(t.Kind.String() + ":" + t.Value)}
	var (
		p     storage.Peer
		found bool
	)
	switch t.Kind {
	case command.UserID:
		p, found, _ = r.peers.PeerByID(t.ID)
	case command.Username:
		p, found, _ = r.peers.PeerByUsername(t.Value)
	case command.Phone:
		p, found, _ = r.peers.PeerByPhone(t.Value)
	}
	if !found {
		// Not known yet: the same contact may come typed another way.
		return append(keys, unresolved+t.Kind.String())
	}
	keys = append(keys, fmt.Sprintf("%s:%d", command.UserID, p.ID))
	for _, u := range append([]string{p.Username}, p.Usernames...) {
		if u != "" {
			keys = append(keys, strings.ToLower(command.Username.String()+":"+u))
		}
	}
	if p.Phone != "" {
		keys = append(keys, command.Phone.String()+":"+p.Phone)
	}
	return keys
}

// unresolved starts the key of a target the peer cache did not know when
// its command was queued, followed by how it was typed.
const unresolved = "unresolved:"

// shareKey reports whether a and b may name a contact in common: the same
// key; "all" (a change with no target), in common with every contact; or
// two targets not known yet and typed in different ways ("@carol" and her
// id), which may be one contact.
func shareKey(a, b []string) bool {
	if slices.Contains(a, allContacts) || slices.Contains(b, allContacts) {
		return true
	}
	for _, k := range a {
		kind, isUnresolved := strings.CutPrefix(k, unresolved)
		if !isUnresolved && slices.Contains(b, k) {
			return true
		}
		if isUnresolved && slices.ContainsFunc(b, func(o string) bool {
			other, ok := strings.CutPrefix(o, unresolved)
			return ok && other != kind
		}) {
			return true
		}
	}
	return false
}
