package handlers

import (
	"context"
	"strconv"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/internal/usererr"
	"persona/storage"
)

// notContact is the refusal of a personal photo for someone who is not a
// contact (Telegram keeps them for contacts only), naming the way out.
func notContact(label string) error {
	return usererr.New(label + " is not in your contacts; add=yes adds them first")
}

// asContact runs set, which sets a personal photo for peer. Telegram keeps
// personal photos for contacts only: when the user object u says they are
// not one (u.Contact), or Telegram answers CONTACT_MISSING, add=yes adds
// them first and set runs again; without it the answer names add=yes. u may
// be nil when the caller has no fresh user object. added reports whether
// Persona added the contact.
func (r *runner) asContact(ctx context.Context, peer storage.Peer, u *tg.User, label string, add bool, set func() error) (added bool, err error) {
	if u == nil || u.Contact {
		err = set()
		if !tgerr.Is(err, "CONTACT_MISSING") {
			return false, err
		}
	}
	if !add {
		return false, notContact(label)
	}
	if u == nil || u.Contact { // the flag was stale: Telegram's word wins
		if u, err = r.freshUser(ctx, peer); err != nil {
			return false, err
		}
	}
	if err := r.addContact(ctx, peer, u); err != nil {
		return false, err
	}
	if err := set(); err != nil {
		r.hideAddedByRule(ctx, peer)
		return true, err
	}
	return true, nil
}

// freshUser asks Telegram for the user as it is now: their name, and
// whether they are a contact. The peer cache learns the answer.
func (r *runner) freshUser(ctx context.Context, peer storage.Peer) (*tg.User, error) {
	api := r.api
	users, err := api.UsersGetUsers(ctx, []tg.InputUserClass{inputUser(peer)})
	if err != nil {
		return nil, errors.Wrap(err, "get user")
	}
	for _, uc := range users {
		if u, ok := uc.(*tg.User); ok && u.ID == peer.ID {
			if err := r.remember(u); err != nil {
				return nil, err
			}
			return u, nil
		}
	}
	return nil, usererr.New("no user with id " + strconv.FormatInt(peer.ID, 10))
}

// addContact adds the user to the contacts under their own Telegram name,
// as Telegram's apps do from a profile, without sharing the account's
// phone number with them (add_phone_privacy_exception off).
func (r *runner) addContact(ctx context.Context, peer storage.Peer, u *tg.User) error {
	first, last := u.FirstName, u.LastName
	if first == "" { // Telegram wants a first name (CONTACT_NAME_EMPTY)
		first, last = last, ""
	}
	if first == "" && u.Username != "" {
		first = "@" + u.Username
	}
	if first == "" {
		first = "id " + strconv.FormatInt(u.ID, 10)
	}
	api := r.api
	_, err := api.ContactsAddContact(ctx, &tg.ContactsAddContactRequest{
		ID: inputUser(peer), FirstName: first, LastName: last, Phone: "",
	})
	if err != nil {
		return errors.Wrap(err, "add contact") // go-faster's Wrap of nil is not nil
	}
	return nil
}
