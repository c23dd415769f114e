package handlers

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/go-faster/errors"
	"golang.org/x/sync/singleflight"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
	"go.uber.org/zap"

	"persona/internal/panics"
	"persona/storage"
)

// contactsTimeout bounds one read of the contact list, which runs on behalf
// of every command waiting for it and so on none's context alone.
const contactsTimeout = time.Minute

// contactsReread is how soon after a read another is not worth making: a
// target still unknown then is no contact, or became one in the last few
// seconds, and is resolved alone either way. A burst of commands for
// strangers costs one read of a long contact list, not one each.
const contactsReread = 10 * time.Second

// contactList reads the account's contacts for commands whose target the
// peer cache does not know. Commands that miss at the same time share one
// contacts.getContacts: after a restart with a backlog, sixteen commands to
// sixteen new contacts cost one call, not sixteen contacts.resolveUsername,
// which Telegram limits hard (DESIGN.md, pitfall 6). A command joins a read
// under way, or starts one unless one ended well within contactsReread.
type contactList struct {
	flight singleflight.Group
	last   atomic.Int64 // when the last read ended well, Unix nanoseconds
}

// refreshContacts puts every contact into the peer cache, joining a read
// already under way if there is one.
func (r *runner) refreshContacts(ctx context.Context) error {
	if last := r.contacts.last.Load(); last != 0 && r.now().Sub(time.Unix(0, last)) < contactsReread {
		return nil
	}
	// singleflight runs the read on a goroutine of its own and panics
	// again there: survive logs a panic and makes it the read's error.
	read := func() error {
		return survive(r.lg, "contact list's read", r.readContacts(ctx))
	}
	ch := r.contacts.flight.DoChan("contacts", func() (any, error) { return nil, read() })
	select {
	case res := <-ch:
		return r.contactsReadFailed(res.Err)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// contactsReadFailed is what a failed read means for the command: a flood
// wait holds it as any call's would, and a panic is a bug to tell of; an
// error Telegram answered is logged, and the target is resolved alone, as
// the read only saves calls.
func (r *runner) contactsReadFailed(err error) error {
	var (
		pe  *panics.Error
		rpc *tgerr.Error
	)
	if errors.As(err, &pe) {
		r.noteError(err)
		return err
	}
	if _, flood := tgerr.AsFloodWait(err); !flood && errors.As(err, &rpc) {
		r.lg.Warn("Contact list not read; resolving alone", zap.Error(err))
		return nil
	}
	return err
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
			return nil // nothing learnt: the targets are resolved alone
		}
		if err := r.rememberAll(c.Users); err != nil {
			return err
		}
		r.contacts.last.Store(r.now().UnixNano())
		return nil
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
