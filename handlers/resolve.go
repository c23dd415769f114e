package handlers

import (
	"context"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/storage"
)

// resolve finds the user a target names: the bbolt peer cache first, then
// Telegram, whose answer is cached (resolveUsername is rate-limited hard:
// docs/ARCHITECTURE.md, "A username is resolved once").
func (r *runner) resolve(ctx context.Context, t command.Target) (storage.Peer, error) {
	if self := r.self; self != nil && t.Kind == command.UserID && t.ID == self.ID {
		return storage.Peer{ID: self.ID, AccessHash: self.AccessHash}, nil // never a contact of its own
	}
	p, found, err := r.cached(t)
	if err != nil {
		return p, err
	}
	if found && !r.usernameStale(t, p) {
		return p, nil
	}
	// The contact list answers for every contact at once, and says who has
	// a name now: only a target that is not a contact is asked of Telegram
	// one by one.
	read, err := r.refreshContacts(ctx)
	if err != nil {
		return storage.Peer{}, err
	}
	if read {
		if p, found, err = r.cached(t); err != nil || (found && !r.usernameStale(t, p)) {
			return p, err
		}
	}
	if found { // Telegram says who has the name now; the cache may not
		if err := r.peers.ForgetUsername(t.Value); err != nil {
			return storage.Peer{}, err
		}
	}
	users, err := r.lookUp(ctx, t, read)
	if err != nil {
		return storage.Peer{}, err
	}
	if err := r.rememberAll(users); err != nil {
		return storage.Peer{}, err
	}
	p, found, err = r.cached(t)
	if err == nil && !found {
		return p, usererr.New("no contact with " + t.Label())
	}
	return p, err
}

// lookUp asks Telegram for the user a target names, when neither the cache
// nor the contact list knew them, and returns what Telegram sent.
func (r *runner) lookUp(ctx context.Context, t command.Target, contactsRead bool) ([]tg.UserClass, error) {
	api := r.api
	switch t.Kind {
	case command.Username:
		res, err := api.ContactsResolveUsername(ctx, &tg.ContactsResolveUsernameRequest{Username: t.Value})
		if tgerr.Is(err, "USERNAME_NOT_OCCUPIED", "USERNAME_INVALID") {
			return nil, usererr.New("no user " + t.Label())
		}
		if err != nil {
			return nil, errors.Wrap(err, "resolve username")
		}
		return res.Users, nil
	case command.Phone:
		res, err := api.ContactsResolvePhone(ctx, t.Value)
		if tgerr.Is(err, "PHONE_NOT_OCCUPIED", "PHONE_NUMBER_INVALID") {
			return nil, usererr.New("no Telegram user has the phone " + t.Label())
		}
		if err != nil {
			return nil, errors.Wrap(err, "resolve phone")
		}
		return res.Users, nil
	case command.UserID:
		// A bare id has no access hash: only a contact can be found by it.
		// The list is read again unless it was just read for this target.
		if !contactsRead {
			_, err := r.readContactsShared(ctx)
			return nil, err // the list's users are cached as it is read
		}
	}
	return nil, nil
}

func (r *runner) cached(t command.Target) (storage.Peer, bool, error) {
	switch t.Kind {
	case command.Username:
		return r.peers.PeerByUsername(t.Value)
	case command.Phone:
		return r.peers.PeerByPhone(t.Value)
	default:
		return r.peers.PeerByID(t.ID)
	}
}

// remember caches a user Telegram told us about.
func (r *runner) remember(u tg.UserClass) error {
	p, ok := r.peerOf(u)
	if !ok {
		return nil
	}
	return r.peers.SavePeer(p)
}

// peerOf is the cache's entry for a user, dated now; false for a user
// Telegram sent without its access hash (min).
func (r *runner) peerOf(u tg.UserClass) (storage.Peer, bool) {
	user, ok := u.(*tg.User)
	if !ok || user.Min {
		return storage.Peer{}, false
	}
	return storage.Peer{
		ID: user.ID, AccessHash: user.AccessHash, Username: user.Username, Usernames: activeUsernames(user),
		Phone: user.Phone, FirstName: user.FirstName, LastName: user.LastName, UpdatedAt: r.now(),
		Bot: user.Bot, Deleted: user.Deleted,
	}, true
}

// activeUsernames is the user's usernames list (collectible and extra
// usernames; then user.username is often empty), the active ones only: a
// disabled username does not find its owner (TDLib Usernames.cpp).
func activeUsernames(u *tg.User) []string {
	var out []string
	for _, n := range u.Usernames {
		if n.Active && n.Username != "" && n.Username != u.Username {
			out = append(out, n.Username)
		}
	}
	return out
}

// usernameCheckedFor is how long a username in the cache is trusted.
// Usernames pass to other people (given up, sold on Fragment): after a day
// Telegram is asked again, so a photo never goes to whoever had the name.
const usernameCheckedFor = 24 * time.Hour

func (r *runner) usernameStale(t command.Target, p storage.Peer) bool {
	return t.Kind == command.Username && r.now().Sub(p.UpdatedAt) > usernameCheckedFor
}

func inputUser(p storage.Peer) *tg.InputUser {
	return &tg.InputUser{UserID: p.ID, AccessHash: p.AccessHash}
}

// noPersonalPhoto refuses, without asking Telegram, the users no personal
// photo or suggestion can be for: the account itself, bots and deleted
// accounts, as TDLib does (UserManager.cpp, set_user_profile_photo).
func (r *runner) noPersonalPhoto(peer storage.Peer, label string) error {
	self := r.self
	switch {
	case self != nil && peer.ID == self.ID:
		return usererr.New(label + " is you: personal photos are for your contacts; your own photo is set in Telegram's settings")
	case peer.Bot:
		return usererr.New(label + " is a bot: Telegram has no personal photos or suggestions for bots")
	case peer.Deleted:
		return usererr.New(label + " is a deleted account: there is no one to set a photo for")
	}
	return nil
}
