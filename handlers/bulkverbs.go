package handlers

import (
	"context"
	"slices"

	"golang.org/x/sync/errgroup"

	"persona/storage"
)

// pickContacts reads the contact list and sorts its contacts into those a
// job changes and those it skips, by why: bots, deleted accounts and the
// account itself always, others as why says ("" to change the contact).
// The photos are as Telegram shows them now (freshPhotos): a list Telegram
// did not send again (contactsNotModified) may be older than a photo set
// since, here or in another app.
func (r *runner) pickContacts(ctx context.Context, why func(c storage.Contact) string) (storage.BulkJob, []storage.Contact, error) {
	l, _, err := r.contactList(ctx)
	if err != nil {
		return storage.BulkJob{}, nil, err
	}
	contacts, err := r.freshPhotos(ctx, l.Contacts)
	if err != nil {
		return storage.BulkJob{}, nil, err
	}
	job := storage.BulkJob{Skipped: map[string]int{}}
	var out []storage.Contact
	for _, c := range contacts {
		reason := why(c)
		switch {
		case c.Bot:
			reason = skipBot
		case c.Deleted:
			reason = skipDeleted
		case c.Self:
			reason = skipSelf
		}
		if reason != "" {
			job.Skipped[reason]++
			continue
		}
		out = append(out, c)
	}
	return job, out, nil
}

// freshPhotos is the contacts with the photo Telegram shows for each now
// (userProfilePhoto and its personal flag): users.getUsers for
// usersPerCall contacts at a time, bulkParallel calls at once, so 3,000
// contacts cost 30 calls and a few round trips. A contact Telegram does
// not answer for keeps what the list said.
func (r *runner) freshPhotos(ctx context.Context, list []storage.Contact) ([]storage.Contact, error) {
	out := slices.Clone(list)
	var g errgroup.Group
	g.SetLimit(bulkParallel)
	for chunk := range slices.Chunk(out, usersPerCall) {
		g.Go(func() error {
			return survive(r.lg, "read of contacts' photos", func() error {
				items := make([]storage.BulkItem, len(chunk))
				for i, c := range chunk {
					items[i].Contact = c
				}
				now, err := r.usersNow(ctx, items)
				for i, c := range chunk {
					if u, ok := now[c.ID]; ok {
						chunk[i].PhotoID, chunk[i].Personal = u.PhotoID, u.Personal
					}
				}
				return err
			})
		})
	}
	return out, g.Wait()
}

// changedPhoto: Telegram shows a personal photo other than before's.
func changedPhoto(before, now storage.Contact) bool {
	return now.Personal && now.PhotoID != before.PhotoID
}

// hideAll is /hide all: every contact's placeholder.
type hideAll struct{}

// pick takes every contact but those with a personal photo, whoever set
// it (the owner in another app, or Persona).
func (hideAll) pick(r *runner, ctx context.Context, _ int) (storage.BulkJob, []storage.Contact, error) {
	return r.pickContacts(ctx, func(c storage.Contact) string {
		if c.Personal {
			return skipPersonal
		}
		return ""
	})
}

func (hideAll) do(r *runner, ctx context.Context, msgID int, c storage.Contact, step storage.Step) (bool, string) {
	label := targetOf(c).Label()
	res, err := r.hideContact(ctx, c)
	if err != nil {
		return false, explain(label, err)
	}
	line := label + ": hidden"
	if err := r.records.SetPhoto(c.ID, label, hiddenEntry(r, msgID, photoID(res)), finished(step, true, line)); err != nil {
		return false, explain(label, err)
	}
	return true, line
}

func hiddenEntry(r *runner, msgID int, photoID int64) storage.PhotoEntry {
	return storage.PhotoEntry{Kind: kindHidden, CommandID: msgID, PhotoID: photoID, SetAt: r.now()}
}

// finished makes /hide all stand for contacts added later (hiderule.go).
func (hideAll) finished(r *runner) error { return r.startHideRule(r.now()) }

func (hideAll) happened(before, now storage.Contact) bool { return changedPhoto(before, now) }

func (hideAll) record(r *runner, msgID int, c, now storage.Contact, step storage.Step) (string, error) {
	label := targetOf(c).Label()
	line := label + ": hidden"
	return line, r.records.SetPhoto(c.ID, label, hiddenEntry(r, msgID, now.PhotoID), finished(step, true, line))
}

// resetAll is /reset all: every personal photo Telegram shows, whoever set
// it (userProfilePhoto.personal), and every one Persona's records hold.
type resetAll struct{}

// pick takes every contact with a personal photo, and ends the standing
// /hide all rule (hiderule.go).
func (resetAll) pick(r *runner, ctx context.Context, _ int) (storage.BulkJob, []storage.Contact, error) {
	if err := r.endHideRule(); err != nil {
		return storage.BulkJob{}, nil, err
	}
	return r.pickContacts(ctx, func(c storage.Contact) string {
		if !c.Personal {
			return skipNoneSet
		}
		return ""
	})
}

func (resetAll) do(r *runner, ctx context.Context, msgID int, c storage.Contact, step storage.Step) (bool, string) {
	label := targetOf(c).Label()
	if err := r.archiveBeforeReset(ctx, msgID, step.Index, c); err != nil {
		return false, explain(label+" (a copy of the photo, before removing it)", err)
	}
	if err := r.removePersonalPhoto(ctx, peerOfContact(c)); err != nil {
		return false, explain(label, err)
	}
	line := label + ": personal photo removed"
	if err := r.records.ResetPhoto(c.ID, r.now(), finished(step, true, line)); err != nil {
		return false, explain(label, err)
	}
	return true, line
}

func (resetAll) happened(_, now storage.Contact) bool { return !now.Personal }

func (resetAll) record(r *runner, _ int, c, _ storage.Contact, step storage.Step) (string, error) {
	line := targetOf(c).Label() + ": personal photo removed"
	return line, r.records.ResetPhoto(c.ID, r.now(), finished(step, true, line))
}

func peerOfContact(c storage.Contact) storage.Peer {
	return storage.Peer{ID: c.ID, AccessHash: c.AccessHash, Username: c.Username, FirstName: c.FirstName, LastName: c.LastName}
}

// keepAll is /keep all: each contact's current photo of their own.
type keepAll struct{}

func (keepAll) pick(r *runner, ctx context.Context, _ int) (storage.BulkJob, []storage.Contact, error) {
	return r.pickContacts(ctx, func(c storage.Contact) string {
		if c.PhotoID == 0 {
			return skipNoPhoto
		}
		return ""
	})
}

func (keepAll) do(r *runner, ctx context.Context, msgID int, c storage.Contact, step storage.Step) (bool, string) {
	return r.keepOne(ctx, msgID, targetOf(c), 1, false, nil, step)
}

func (keepAll) happened(before, now storage.Contact) bool { return changedPhoto(before, now) }

func (keepAll) record(r *runner, msgID int, c, now storage.Contact, step storage.Step) (string, error) {
	label := targetOf(c).Label()
	line := label + ": their own photo kept"
	e := storage.PhotoEntry{Kind: kindKept, CommandID: msgID, PhotoID: now.PhotoID, SetAt: r.now()}
	return line, r.records.SetPhoto(c.ID, label, e, finished(step, true, line))
}
