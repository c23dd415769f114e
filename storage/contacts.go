package storage

import (
	"go.etcd.io/bbolt"
)

// Contact is one entry of the account's contact list as Telegram last sent
// it (contacts.getContacts): enough to pick the contacts of a bulk job and
// to call for each without asking again.
type Contact struct {
	ID         int64  `json:"id"`
	AccessHash int64  `json:"ah"`
	FirstName  string `json:"fn,omitempty"`
	LastName   string `json:"ln,omitempty"`
	Username   string `json:"un,omitempty"`
	Phone      string `json:"ph,omitempty"` // digits only, as Telegram sends it; "" when hidden
	Bot        bool   `json:"bot,omitempty"`
	Deleted    bool   `json:"del,omitempty"`
	Self       bool   `json:"self,omitempty"`
	// PhotoID is the photo Telegram shows for them (0: none), and
	// Personal whether it is a personal photo (userProfilePhoto.personal).
	PhotoID  int64 `json:"photo,omitempty"`
	Personal bool  `json:"personal,omitempty"`
}

// ContactList is the contact list and what its hash is computed from.
type ContactList struct {
	Hash       int64     `json:"hash"`        // sent with the next contacts.getContacts
	SavedCount int       `json:"saved_count"` // as Telegram answered
	Contacts   []Contact `json:"contacts"`
	// Phones: the contacts have their phones (Contact.Phone). A list kept
	// before they had is read again in full, not by its hash.
	Phones bool `json:"phones,omitempty"`
}

var keyContactList = []byte("contact_list")

// SaveContactList keeps the list Telegram sent, with its hash.
func (db *DB) SaveContactList(l ContactList) error {
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketBulk)
		if err != nil {
			return err
		}
		return putJSON(b, keyContactList, l)
	})
	return wrapIf(err, "save the contact list")
}

// ContactList is the list last saved; found is false before the first.
func (db *DB) ContactList() (l ContactList, found bool, err error) {
	err = db.bolt.View(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketBulk)
		if err != nil {
			return err
		}
		found, err = getJSON(b, keyContactList, &l)
		return err
	})
	return l, found, wrapIf(err, "read the contact list")
}
