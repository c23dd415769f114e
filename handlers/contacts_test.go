package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
)

// TestResolveReadsContactsOnce: a username the cache does not know is
// looked up in the contact list, which fills the cache for every contact:
// the next contact costs no call, and only a stranger is resolved one by
// one (contacts.resolveUsername is limited hard: docs/ARCHITECTURE.md, "A
// username is resolved once"), without another read of the list within
// contactsReread.
func TestResolveReadsContactsOnce(t *testing.T) {
	r, _, mock := newTestRunner(t)
	ctx := context.Background()
	contacts := &tg.ContactsContacts{Users: []tg.UserClass{
		&tg.User{ID: 50, AccessHash: 5, Username: "bob", Contact: true},
		&tg.User{ID: 51, AccessHash: 6, Usernames: []tg.Username{{Username: "carol_x", Active: true}}, Contact: true},
	}}
	mock.ExpectCall(&tg.ContactsGetContactsRequest{}).ThenResult(contacts)
	if p, err := r.resolve(ctx, command.Target{Kind: command.Username, Raw: "@bob", Value: "bob"}); err != nil || p.ID != 50 {
		t.Fatalf("@bob: %+v, %v", p, err)
	}
	if p, err := r.resolve(ctx, command.Target{Kind: command.Username, Raw: "@carol_x", Value: "carol_x"}); err != nil || p.ID != 51 {
		t.Fatalf("@carol_x, from the same read: %+v, %v", p, err)
	}
	if p, err := r.resolve(ctx, command.Target{Kind: command.UserID, Raw: "50", Value: "50", ID: 50}); err != nil || p.AccessHash != 5 {
		t.Fatalf("id 50, from the same read: %+v, %v", p, err)
	}

	// A stranger right after the read: resolved alone, the list not read again.
	mock.ExpectCall(&tg.ContactsResolveUsernameRequest{Username: "stranger"}).ThenResult(&tg.ContactsResolvedPeer{
		Peer:  &tg.PeerUser{UserID: 60},
		Users: []tg.UserClass{&tg.User{ID: 60, AccessHash: 9, Username: "stranger"}},
	})
	if p, err := r.resolve(ctx, command.Target{Kind: command.Username, Raw: "@stranger", Value: "stranger"}); err != nil || p.ID != 60 {
		t.Fatalf("@stranger: %+v, %v", p, err)
	}

	// Later, the list is read again first: she may have become a contact.
	clock := time.Now().Add(contactsReread)
	r.now = func() time.Time { return clock }
	mock.ExpectCall(&tg.ContactsGetContactsRequest{Hash: heldHash(t, r)}).ThenResult(contacts)
	mock.ExpectCall(&tg.ContactsResolveUsernameRequest{Username: "other"}).ThenResult(&tg.ContactsResolvedPeer{
		Peer:  &tg.PeerUser{UserID: 61},
		Users: []tg.UserClass{&tg.User{ID: 61, AccessHash: 8, Username: "other"}},
	})
	if p, err := r.resolve(ctx, command.Target{Kind: command.Username, Raw: "@other", Value: "other"}); err != nil || p.ID != 61 {
		t.Fatalf("@other: %+v, %v", p, err)
	}

	// An id no contact has: within contactsReread the list is read again,
	// as only a contact can be found by id; after it, the one read answers.
	noOne := command.Target{Kind: command.UserID, Raw: "99", Value: "99", ID: 99}
	mock.ExpectCall(&tg.ContactsGetContactsRequest{Hash: heldHash(t, r)}).ThenResult(contacts)
	if _, err := r.resolve(ctx, noOne); err == nil {
		t.Fatal("id 99, no contact, resolved")
	}
	clock = clock.Add(contactsReread)
	mock.ExpectCall(&tg.ContactsGetContactsRequest{Hash: heldHash(t, r)}).ThenResult(contacts)
	if _, err := r.resolve(ctx, noOne); err == nil {
		t.Fatal("id 99, no contact, resolved after a fresh read")
	}
}

// TestResolveWithoutContactList: a contact list Telegram will not give
// only costs the saving: the name is resolved alone.
func TestResolveWithoutContactList(t *testing.T) {
	r, _, mock := newTestRunner(t)
	mock.ExpectCall(&tg.ContactsGetContactsRequest{}).ThenErr(tgerr.New(500, "INTERNAL_SERVER_ERROR"))
	mock.ExpectCall(&tg.ContactsResolveUsernameRequest{Username: "bob"}).ThenResult(&tg.ContactsResolvedPeer{
		Peer:  &tg.PeerUser{UserID: 50},
		Users: []tg.UserClass{&tg.User{ID: 50, AccessHash: 5, Username: "bob"}},
	})
	if p, err := r.resolve(context.Background(), command.Target{Kind: command.Username, Raw: "@bob", Value: "bob"}); err != nil || p.ID != 50 {
		t.Fatalf("@bob: %+v, %v", p, err)
	}
}

// heldHash is the hash of the contact list held: what the next read sends.
func heldHash(t *testing.T, r *runner) int64 {
	t.Helper()
	l, found, err := r.bulk.ContactList()
	if err != nil || !found {
		t.Fatalf("no contact list held: %v", err)
	}
	return l.Hash
}
