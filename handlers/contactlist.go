package handlers

import (
	"slices"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// listOf is the contact list Telegram sent, as it is held, with its hash.
func (r *runner) listOf(c *tg.ContactsContacts) storage.ContactList {
	l := storage.ContactList{SavedCount: c.SavedCount, Contacts: make([]storage.Contact, 0, len(c.Users)), Phones: true}
	for _, u := range c.Users {
		user, ok := u.(*tg.User)
		if !ok || user.Min {
			continue
		}
		l.Contacts = append(l.Contacts, contactOf(user, r.self))
	}
	slices.SortFunc(l.Contacts, func(a, b storage.Contact) int { return compareID(a.ID, b.ID) })
	ids := make([]int64, len(l.Contacts))
	for i, c := range l.Contacts {
		ids[i] = c.ID
	}
	l.Hash = contactsHash(c.SavedCount, ids)
	return l
}

func compareID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// contactOf is what a bulk job needs of a user.
func contactOf(u *tg.User, self *tg.User) storage.Contact {
	c := storage.Contact{
		ID: u.ID, AccessHash: u.AccessHash, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, Phone: u.Phone,
		Bot: u.Bot, Deleted: u.Deleted, Self: u.Self || (self != nil && u.ID == self.ID),
	}
	if p, ok := u.Photo.(*tg.UserProfilePhoto); ok {
		c.PhotoID, c.Personal = p.PhotoID, p.Personal
	}
	return c
}

// contactsHash is Telegram's hash of a contact list: its usual algorithm
// (core.telegram.org/api/offsets#hash-generation) over the saved_count it
// last answered, then the contact ids in ascending order, at most 100,000
// (TDLib UserManager::get_contacts_hash, get_vector_hash in misc.cpp).
func contactsHash(savedCount int, sortedIDs []int64) int64 {
	var h uint64
	add := func(n uint64) {
		h ^= h >> 21
		h ^= h << 35
		h ^= h >> 4
		h += n
	}
	add(uint64(savedCount))
	for _, id := range sortedIDs[:min(len(sortedIDs), 100000)] {
		add(uint64(id))
	}
	return int64(h)
}
