package handlers

import (
	"context"

	"persona/storage"
)

// contactsForCheck makes sure the daily check can ask about each record's
// contact, which needs their access hash from the peer cache. When the
// cache lacks one, the contact list is read, once for the whole check and
// with its hash (a list Telegram did not send again, contactsNotModified,
// is the one held), and its contacts fill the cache. A check whose
// contacts are all known reads nothing.
func (r *runner) contactsForCheck(ctx context.Context, recs []storage.PhotoRecord) error {
	missing, err := r.anyUnknown(recs)
	if err != nil || !missing {
		return err
	}
	l, changed, err := r.contactList(ctx)
	if err != nil || changed {
		return err // a list sent again is in the peer cache already
	}
	r.contacts.last.Store(r.now().UnixNano())
	return r.rememberContacts(l.Contacts)
}

// anyUnknown says whether the peer cache lacks a record's contact.
func (r *runner) anyUnknown(recs []storage.PhotoRecord) (bool, error) {
	for _, rec := range recs {
		_, found, err := r.peers.PeerByID(rec.UserID)
		if err != nil || !found {
			return !found, err
		}
	}
	return false, nil
}

// rememberContacts puts the held list's contacts the peer cache lacks into
// it, in one write.
func (r *runner) rememberContacts(list []storage.Contact) error {
	var ps []storage.Peer
	for _, c := range list {
		_, found, err := r.peers.PeerByID(c.ID)
		if err != nil {
			return err
		}
		if !found {
			p := peerOfContact(c)
			p.Bot, p.Deleted, p.UpdatedAt = c.Bot, c.Deleted, r.now()
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return r.peers.SavePeers(ps)
}
