package emulator

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// ContactsSpec describes a generated contact list, for tests of accounts
// with thousands of contacts.
type ContactsSpec struct {
	// People are ordinary contacts: "First0001 Last0001", username
	// user<id> and phone +99<id> (unique however often AddContacts runs),
	// each a contact of the account.
	People int
	// Photos is how many of People (the first ones) have their own
	// profile photo, each a different small JPEG.
	Photos int
	// Mutual is how many of People (the first ones) have the account as
	// a contact too.
	Mutual int
	// Bots and Deleted are further contacts: bots and deleted accounts,
	// which a contact list can hold (core.telegram.org/constructor/user:
	// bot, deleted) and a bulk job must skip.
	Bots    int
	Deleted int
}

// AddContacts adds the spec's users as contacts of the account and returns
// them in the order People, Bots, Deleted. It is quick enough for
// thousands: the photos share one encoded JPEG, told apart by a comment.
func (e *Emulator) AddContacts(account int64, spec ContactsSpec) []User {
	e.mu.Lock()
	defer e.mu.Unlock()
	w := e.world
	owner := w.users[account]
	if owner == nil {
		return nil
	}
	var added []*user
	add := func(s UserSpec) *user {
		u := w.addUser(s)
		owner.contacts[u.id] = true
		added = append(added, u)
		return u
	}
	for i := range spec.People {
		n := fmt.Sprintf("%04d", i+1)
		u := add(UserSpec{FirstName: "First" + n, LastName: "Last" + n})
		// Unique however often AddContacts runs: the user's own id.
		u.username, u.phone = fmt.Sprintf("user%d", u.id), fmt.Sprintf("99%d", u.id)
		if i < spec.Mutual {
			u.contacts[account] = true
		}
		if i < spec.Photos {
			w.addOwnPhoto(u, w.newPhoto(e.now(), u.dc, taggedJPEG(u.id)).photo)
		}
	}
	for i := range spec.Bots {
		u := add(UserSpec{FirstName: fmt.Sprintf("Bot%04d", i+1), Bot: true})
		// A bot's username ends in "bot" (core.telegram.org/bots/features#botfather).
		u.username = fmt.Sprintf("gen%d_bot", u.id)
	}
	for range spec.Deleted {
		add(UserSpec{Deleted: true})
	}
	out := make([]User, 0, len(added))
	for _, u := range added {
		out = append(out, u.snapshot())
	}
	return out
}

// generatedJPEG is the picture of generated contacts' photos: 160 px, the
// smallest side Telegram accepts for a profile photo.
var generatedJPEG = sync.OnceValue(func() []byte { return JPEG(160, 160, 0) })

// taggedJPEG is generatedJPEG with a comment segment naming id, so each
// photo's bytes differ (a client's archive tells them apart by content)
// and still decode.
func taggedJPEG(id int64) []byte {
	base := generatedJPEG()
	tag := fmt.Appendf(nil, "contact %d", id)
	seg := []byte{0xFF, 0xFE, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(tag)+2))
	out := make([]byte, 0, len(base)+len(seg)+len(tag))
	out = append(out, base[:2]...) // SOI
	out = append(out, seg...)
	out = append(out, tag...)
	return append(out, base[2:]...)
}
