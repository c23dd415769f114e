package handlers

import (
	"testing"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// TestDailyCheckReadsContactsOnce: a record whose contact the peer cache
// lacks makes the daily check read the contact list once, with its hash;
// answered contactsNotModified, the held list fills the cache, so the next
// check reads nothing.
func TestDailyCheckReadsContactsOnce(t *testing.T) {
	r, db, mock := newTestRunner(t)
	aliceHasPhoto(t, db) // no peer cached for her
	held := storage.ContactList{Hash: 77, Phones: true, Contacts: []storage.Contact{{ID: 42, AccessHash: 7, Username: "alice"}}}
	if err := db.SaveContactList(held); err != nil {
		t.Fatal(err)
	}
	alice := &tg.User{ID: 42, AccessHash: 7, Contact: true, Photo: &tg.UserProfilePhoto{PhotoID: 9, Personal: true}}
	mock.ExpectCall(&tg.ContactsGetContactsRequest{Hash: 77}).ThenResult(&tg.ContactsContactsNotModified{})
	mock.ExpectCall(&tg.UsersGetUsersRequest{ID: []tg.InputUserClass{aliceInput}}).ThenResult(&tg.UserClassVector{Elems: []tg.UserClass{alice}})
	if _, err := r.syncRecords(t.Context()); err != nil {
		t.Fatal(err)
	}
	mock.ExpectCall(&tg.UsersGetUsersRequest{ID: []tg.InputUserClass{aliceInput}}).ThenResult(&tg.UserClassVector{Elems: []tg.UserClass{alice}})
	if _, err := r.syncRecords(t.Context()); err != nil {
		t.Fatal(err)
	}
	if p, found, err := db.PeerByID(42); err != nil || !found || p.Username != "alice" {
		t.Errorf("peer cache: %+v, %v, %v", p, found, err)
	}
}
