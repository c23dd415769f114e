package handlers

import (
	"context"
	"testing"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
)

// TestResolveReadsContactsOnce: a username the cache does not know is
// looked up in the contact list, which fills the cache for every contact:
// the next contact costs no call, and only a stranger is resolved one by
// one (contacts.resolveUsername is limited hard: DESIGN.md, pitfall 6).
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

	mock.ExpectCall(&tg.ContactsGetContactsRequest{}).ThenResult(contacts)
	mock.ExpectCall(&tg.ContactsResolveUsernameRequest{Username: "stranger"}).ThenResult(&tg.ContactsResolvedPeer{
		Peer:  &tg.PeerUser{UserID: 60},
		Users: []tg.UserClass{&tg.User{ID: 60, AccessHash: 9, Username: "stranger"}},
	})
	if p, err := r.resolve(ctx, command.Target{Kind: command.Username, Raw: "@stranger", Value: "stranger"}); err != nil || p.ID != 60 {
		t.Fatalf("@stranger: %+v, %v", p, err)
	}
}
