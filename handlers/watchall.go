package handlers

import (
	"context"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/internal/names"
	"persona/storage"
)

// watchAll runs `/watch all`: the standing rule (contacts added later are
// watched too) and a watch for every contact now. Their photos are copied
// into the archive afterwards, paced, by the worker's upkeep: the reply
// does not wait for thousands of downloads.
func (r *runner) watchAll(ctx context.Context) outcome {
	if err := r.watches.SetWatchAll(r.now()); err != nil {
		return failed("could not record /watch all: " + short(err))
	}
	if _, err := r.watchContacts(ctx); err != nil {
		return failed("could not read your contacts: " + short(err))
	}
	ws, err := r.watches.Watches()
	if err != nil {
		return failed("could not read the watches: " + short(err))
	}
	r.watching.copiesDue()
	return done(plural(len(ws), "contact") + " watched, and contacts you add later; copies of their photos are being kept in " + r.archive.Dir())
}

// watchContacts watches every contact not watched yet, in one write, and
// returns how many it added. The contact list shows a personal photo
// instead of their own: such watches are unseen until the upkeep looks.
func (r *runner) watchContacts(ctx context.Context) (int, error) {
	res, err := r.api.ContactsGetContacts(ctx, 0)
	if err != nil {
		return 0, errors.Wrap(err, "get contacts")
	}
	c, ok := res.(*tg.ContactsContacts)
	if !ok {
		return 0, nil
	}
	if err := r.rememberAll(c.Users); err != nil {
		return 0, err
	}
	var ws []storage.Watch
	for _, uc := range c.Users {
		if u, ok := uc.(*tg.User); ok && watchable(u, r.self) {
			ws = append(ws, newWatch(u, r.now()))
		}
	}
	added, err := r.watches.AddWatches(ws)
	if added > 0 {
		r.watching.copiesDue()
	}
	return added, err
}

// watchable: a contact whose own photo may be watched; not the account
// itself, bots or deleted accounts.
func watchable(u *tg.User, self *tg.User) bool {
	return u.Contact && !u.Self && !u.Bot && !u.Deleted && (self == nil || u.ID != self.ID)
}

// newWatch is the watch of a contact `/watch all` found.
func newWatch(u *tg.User, now time.Time) storage.Watch {
	id, known := ownPhotoIn(u)
	return storage.Watch{UserID: u.ID, Label: userLabel(u), Since: now, PhotoID: id, Unseen: !known}
}

// userLabel names a user as the owner would type them: @username, or
// their name and id.
func userLabel(u *tg.User) string {
	if u.Username != "" {
		return "@" + u.Username
	}
	return names.Of(u) + " (id " + itoa(int(u.ID)) + ")"
}
