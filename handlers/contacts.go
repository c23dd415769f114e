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
// which Telegram limits hard (docs/ARCHITECTURE.md, "A username is resolved
// once"). A command joins a read under way, or starts one unless one ended
// well within contactsReread.
type contactList struct {
	flight singleflight.Group
	last   atomic.Int64 // when the last read ended well, Unix nanoseconds
}

// refreshContacts puts every contact into the peer cache, joining a read
// already under way if there is one, and says whether the list was read
// for this call: false when a read ended well within contactsReread, or
// Telegram would not give the list (then the target is resolved alone, as
// the read only saves calls; a flood wait holds the command as any call's).
func (r *runner) refreshContacts(ctx context.Context) (bool, error) {
	if last := r.contacts.last.Load(); last != 0 && r.now().Sub(time.Unix(0, last)) < contactsReread {
		return false, nil
	}
	read, err := r.readContactsShared(ctx)
	var rpc *tgerr.Error
	if _, flood := tgerr.AsFloodWait(err); !flood && errors.As(err, &rpc) {
		r.lg.Warn("Contact list not read; resolving alone", zap.Error(err))
		return false, nil
	}
	return read, err
}

// readContactsShared reads the contact list into the peer cache, or joins
// the read under way, and says whether it learnt the list. A panic in the
// read is logged and told as the last error, as on any goroutine.
func (r *runner) readContactsShared(ctx context.Context) (bool, error) {
	// singleflight runs the read on a goroutine of its own and panics
	// again there: survive makes a panic the read's error instead.
	ch := r.contacts.flight.DoChan("contacts", func() (any, error) {
		var learnt bool
		err := survive(r.lg, "contact list's read", func() (err error) {
			learnt, err = r.readContacts(ctx)
			return err
		})
		return learnt, err
	})
	select {
	case res := <-ch:
		if panicked(res.Err) {
			r.noteError(res.Err)
		}
		learnt, _ := res.Val.(bool)
		return learnt, res.Err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// readContacts reads the contact list into the peer cache.
func (r *runner) readContacts(ctx context.Context) (bool, error) {
	// Not the first caller's context: the others wait for this read too.
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), contactsTimeout)
	defer cancel()
	_, changed, err := r.contactList(readCtx)
	if err != nil {
		return false, err
	}
	r.contacts.last.Store(r.now().UnixNano())
	// Not modified: every contact is in the peer cache since the last read.
	return changed, nil
}

// contactList is the account's contact list: Telegram's, sent with the
// hash of the list held (core.telegram.org/api/offsets#hash-generation),
// so an unchanged list costs one short answer (contactsNotModified) and
// the one held is used. changed says Telegram sent a new list.
func (r *runner) contactList(ctx context.Context) (l storage.ContactList, changed bool, err error) {
	held, found, err := r.bulk.ContactList()
	if err != nil {
		return l, false, err
	}
	var hash int64
	if found && held.Phones { // a list kept without phones is read in full
		hash = held.Hash
	}
	res, err := r.api.ContactsGetContacts(ctx, hash)
	if err != nil {
		return l, false, errors.Wrap(err, "get contacts")
	}
	c, ok := res.(*tg.ContactsContacts)
	if !ok { // contactsNotModified: only when a hash was sent
		return held, false, nil
	}
	if err := r.rememberAll(c.Users); err != nil {
		return l, false, err
	}
	l = r.listOf(c)
	return l, true, r.bulk.SaveContactList(l)
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
