package handlers

import (
	"context"
	"time"

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
	r.watching.checkSoon()
	r.watching.copiesDue()
	return done(plural(len(ws), "contact") + " watched, and contacts you add later; copies of their photos are being kept in " + r.archive.Dir())
}

// watchContacts watches every contact not watched yet, in one write, and
// returns how many it added. The contact list is the one held, read with
// its hash as the bulk jobs read it (contactList): its hash covers only who
// is a contact, so a list Telegram did not send again may show an old
// photo, and the contact list shows a personal photo instead of their own
// anyway. Such watches are unseen until the upkeep or a check looks.
func (r *runner) watchContacts(ctx context.Context) (int, error) {
	l, fresh, err := r.contactList(ctx)
	if err != nil {
		return 0, err
	}
	var ws []storage.Watch
	for _, c := range l.Contacts {
		if !c.Bot && !c.Deleted && !c.Self {
			ws = append(ws, newWatch(c, fresh, r.now()))
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

// newWatch is the watch of a contact `/watch all` found; fresh says the
// list was just sent, so its photo is theirs now unless it is personal.
func newWatch(c storage.Contact, fresh bool, now time.Time) storage.Watch {
	w := storage.Watch{UserID: c.ID, Label: watchLabel(c), Since: now, Unseen: true}
	if fresh && !c.Personal {
		w.PhotoID, w.Unseen = c.PhotoID, false
	}
	return w
}

// newUserWatch is the watch of a contact a check found while `/watch all`
// stands.
func newUserWatch(u *tg.User, self *tg.User, now time.Time) storage.Watch {
	return newWatch(contactOf(u, self), true, now)
}

// watchLabel names a contact as the owner would type them: @username,
// or their name and id.
func watchLabel(c storage.Contact) string {
	if c.Username != "" {
		return "@" + c.Username
	}
	return names.Of(&tg.User{FirstName: c.FirstName, LastName: c.LastName}) + " (id " + itoa(int(c.ID)) + ")"
}
