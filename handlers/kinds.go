package handlers

import (
	"context"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// photoKind is all the handlers know of one kind of personal photo: how
// /history, /list, /undo and a timer tell of it, and how /undo or a timer
// sets it again. Each kind is one file, kind_*.go, that registers it, so a
// new kind is one file.
type photoKind struct {
	// describe starts the entry's line in /history and /list.
	describe func(e storage.PhotoEntry, z zone) string
	// backTo names the entry /undo and a timer go back to.
	backTo func(e storage.PhotoEntry, z zone) string
	// setAgain sets the entry as the contact's personal photo again. It and
	// backTo are nil for a step with no photo (a reset): going back to it
	// removes the photo instead (previousPhoto, reapply.go).
	setAgain func(r *runner, ctx context.Context, peer storage.Peer, e storage.PhotoEntry) (*tg.PhotosPhoto, error)
}

// photoKinds holds every kind, by the name the records store.
var photoKinds = map[storage.PhotoKind]photoKind{}

// registerKind adds a kind; each kind_*.go calls it from init.
func registerKind(name storage.PhotoKind, k photoKind) {
	if _, dup := photoKinds[name]; dup {
		panic("handlers: two photo kinds named " + string(name))
	}
	photoKinds[name] = k
}

// kindOf is the kind of an entry. A kind this version does not know (a
// record written by a newer one) is taken for media from a message, which
// is what every kind was before hidden and kept.
func kindOf(name storage.PhotoKind) photoKind {
	if k, ok := photoKinds[name]; ok {
		return k
	}
	return fromMessage
}

// describeEntry is one line of /history and /list: the kind's own words,
// then what any entry may carry.
func describeEntry(e storage.PhotoEntry, z zone) string {
	s := kindOf(e.Kind).describe(e, z)
	if e.AddedContact {
		s += ", added by Persona to your contacts"
	}
	if e.Suggested {
		s += ", also suggested"
	}
	if !e.ExpiresAt.IsZero() {
		s += ", until " + z.at(e.ExpiresAt)
	}
	return s
}
