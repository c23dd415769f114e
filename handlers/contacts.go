package handlers

import (
	"context"
	"time"

	"github.com/go-faster/errors"
	"golang.org/x/sync/singleflight"

	"github.com/gotd/td/tg"

	"persona/internal/panics"
	"persona/storage"
)

// contactsTimeout bounds one read of the contact list, which runs on behalf
// of every command waiting for it and so on none's context alone.
const contactsTimeout = time.Minute

// contactList reads the account's contacts for commands whose target the
// peer cache does not know. Commands that miss at the same time share one
// contacts.getContacts: after a restart with a backlog, sixteen commands to
// sixteen new contacts cost one call, not sixteen contacts.resolveUsername,
// which Telegram limits hard (DESIGN.md, pitfall 6). A read that has ended
// is never reused: a contact added since must be seen.
type contactList struct {
	flight singleflight.Group
}

// refreshContacts puts every contact into the peer cache, joining a read
// already under way if there is one.
func (r *runner) refreshContacts(ctx context.Context) error {
	// singleflight runs the read on a goroutine of its own and panics
	// again there: survive logs a panic and makes it the read's error.
	read := func() error {
		return survive(r.lg, "contact list's read", r.readContacts(ctx))
	}
	ch := r.contacts.flight.DoChan("contacts", func() (any, error) { return nil, read() })
	select {
	case res := <-ch:
		var pe *panics.Error
		if errors.As(res.Err, &pe) {
			r.noteError(res.Err)
		}
		return res.Err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// readContacts reads the contact list into the peer cache.
func (r *runner) readContacts(ctx context.Context) func() error {
	return func() error {
		// Not the first caller's context: the others wait for this read too.
		readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), contactsTimeout)
		defer cancel()
		res, err := r.api.ContactsGetContacts(readCtx, 0)
		if err != nil {
			return errors.Wrap(err, "get contacts")
		}
		c, ok := res.(*tg.ContactsContacts)
		if !ok { // contactsNotModified: only with a hash, and none was sent
			return nil
		}
		return r.rememberAll(c.Users)
	}
}

// rememberAll caches users Telegram told us about, in one write.
func (r *runner) rememberAll(users []tg.UserClass) error {
	ps := make([]storage.Peer, 0, len(users))
	for _, u := range users {
		if p, ok := r.peerOf(u); ok {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return r.peers.SavePeers(ps)
}
