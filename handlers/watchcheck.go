package handlers

import (
	"context"
	"slices"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// watchcheck.go: a watched contact's photo, compared with the one Persona
// last saw. updateUser (userchecks.go), the start and the daily check
// (checkAllWatched) all come here.

// noteWatched compares the own photos of the watched contacts among users
// (one users.getUsers' answer) with the ones last seen, and journals a
// notice for each change (storage's NoteChange). While `/watch all`
// stands, a contact not watched yet is watched from now. own are the own
// photos asked beside the check (askWatched).
func (r *runner) noteWatched(ctx context.Context, users []*tg.User, own ownPhotos) error {
	_, all, err := r.watches.WatchAll()
	if err != nil {
		return err
	}
	for _, u := range users {
		if err := r.noteUser(ctx, u, all, own); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) noteUser(ctx context.Context, u *tg.User, all bool, own ownPhotos) error {
	w, found, err := r.watches.Watched(u.ID)
	switch {
	case err != nil:
		return err
	case !found && all && watchable(u, r.self):
		_, err := r.watches.AddWatches([]storage.Watch{newUserWatch(u, r.self, r.now())})
		r.watching.copiesDue()
		return err
	case !found || u.Deleted:
		return nil
	}
	peer, ok := r.peerOf(u)
	if !ok {
		return nil // a min user: the next check tells
	}
	id, err := r.ownPhotoOf(ctx, peer, u, own)
	if err != nil {
		return err
	}
	n, noted, err := r.watches.NoteChange(u.ID, id, r.now())
	if noted {
		r.lg.Info("Watched contact changed their photo", zap.String("contact", w.Label), zap.String("what", n.What))
		r.watching.noticesDue()
	}
	if id != 0 {
		r.watching.copiesDue() // the new photo, or one seen for the first time
	}
	return err
}

// checkAllWatched checks every watched contact, 100 per users.getUsers;
// while `/watch all` stands, contacts added since are watched first.
func (r *runner) checkAllWatched(ctx context.Context) error {
	if _, all, err := r.watches.WatchAll(); err != nil {
		return err
	} else if all {
		if _, err := r.watchContacts(ctx); err != nil {
			return err
		}
	}
	ws, err := r.watches.Watches()
	if err != nil {
		return err
	}
	ids := make([]int64, len(ws))
	for i, w := range ws {
		ids[i] = w.UserID
	}
	for batch := range slices.Chunk(ids, syncBatch) {
		users, own, err := r.askWatched(ctx, batch)
		if err != nil {
			return err
		}
		if err := r.noteWatched(ctx, users, own); err != nil {
			return err
		}
	}
	r.watching.forgetFailures()
	return nil
}
