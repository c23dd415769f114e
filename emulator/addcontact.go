package emulator

import (
	"strings"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// Telegram's errors of contacts.addContact (core.telegram.org/method/contacts.addContact).
var (
	errContactIDInvalid = tgerr.New(400, "CONTACT_ID_INVALID")
	errContactNameEmpty = tgerr.New(400, "CONTACT_NAME_EMPTY")
)

// addContact adds a user to the caller's contacts under the name given, as
// Telegram does: never oneself, a bot or a deleted account
// (CONTACT_ID_INVALID), and never without a first name
// (CONTACT_NAME_EMPTY). With add_phone_privacy_exception the caller's phone
// becomes visible to the contact; the emulator keeps that for assertions.
func (c *call) addContact(req *tg.ContactsAddContactRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	u, err := c.inputUser(req.ID)
	if err != nil {
		return nil, err
	}
	if u.id == c.userID || u.bot || u.deleted {
		return nil, errContactIDInvalid
	}
	if strings.TrimSpace(req.FirstName) == "" {
		return nil, errContactNameEmpty
	}
	owner := w.users[c.userID]
	owner.contacts[u.id] = true
	settings := &tg.PeerSettings{}
	settings.SetFlags()
	return &tg.Updates{
		Updates: []tg.UpdateClass{&tg.UpdatePeerSettings{Peer: &tg.PeerUser{UserID: u.id}, Settings: *settings}},
		Users:   w.tgUsers(c.userID, u.id),
		Date:    int(c.e.now().Unix()),
	}, nil
}

// IsContact reports whether contact is in the account's contacts.
func (e *Emulator) IsContact(account, contact int64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.world.users[account]
	return u != nil && u.contacts[contact]
}
