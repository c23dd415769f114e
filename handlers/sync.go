package handlers

import (
	"context"
	"slices"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/gotd/td/tg"

	"persona/storage"
)

// syncEvery is how often the records are checked against Telegram without
// a /list: once a day is plenty for photos changed from another app.
const (
	syncEvery    = 24 * time.Hour
	syncBatch    = 100 // users per users.getUsers, as TDLib asks for them
	metaLastSync = "last_sync"
)

// syncRecords asks Telegram what it shows for every contact with a current
// photo and corrects the records: photos removed or replaced from another
// app are marked. It returns the labels of the ones found removed.
//
// A contact's User carries the personal photo we set (its photo has the
// personal flag), so users.getUsers answers for a batch of them at once:
// /list of a hundred records waits one round trip, not one per contact.
func (r *runner) syncRecords(ctx context.Context) ([]string, error) {
	recs, err := r.records.Photos()
	if err != nil {
		return nil, err
	}
	if err := r.contactsForCheck(ctx, recs); err != nil {
		return nil, err
	}
	// The batches go out at once: a round trip for all, whatever their number.
	batches := slices.Collect(slices.Chunk(recs, syncBatch))
	gone := make([][]string, len(batches))
	var g errgroup.Group
	for i, batch := range batches {
		g.Go(func() error {
			return survive(r.lg, "check of a batch of records", func() (err error) {
				gone[i], err = r.syncBatch(ctx, batch)
				return err
			})
		})
	}
	err = g.Wait()
	removed := slices.Concat(gone...)
	if err != nil {
		return removed, err
	}
	if len(recs) > 0 { // nothing checked: the next start may
		err = r.records.SetMeta(metaLastSync, r.now().Format(time.RFC3339))
	}
	return removed, err
}

// syncBatch checks up to syncBatch records with one users.getUsers.
func (r *runner) syncBatch(ctx context.Context, recs []storage.PhotoRecord) (removed []string, err error) {
	ids := make([]int64, 0, len(recs))
	for _, rec := range recs {
		ids = append(ids, rec.UserID)
	}
	changed, err := r.syncUsers(ctx, ids)
	for _, rec := range changed {
		if rec.Elsewhere == storage.ElsewhereRemoved {
			removed = append(removed, labelOf(rec))
		}
	}
	return removed, err
}

// syncUsers asks Telegram about up to syncBatch contacts and records what
// it shows; it returns the records in which that found something new done
// outside Persona.
func (r *runner) syncUsers(ctx context.Context, ids []int64) ([]storage.PhotoRecord, error) {
	shown, err := r.askShown(ctx, ids)
	if err != nil || len(shown) == 0 {
		return nil, err
	}
	return r.records.SyncPhotos(shown, r.now())
}

// askShown asks Telegram, in one users.getUsers, what it shows of up to
// syncBatch contacts the peer cache knows: their personal photo (the
// personal flag of userProfilePhoto: docs/ARCHITECTURE.md, "The user object
// tells who has a personal photo"), whether the account is deleted, whether they are still a contact. Users Telegram
// does not answer for are left out: the next check may tell.
func (r *runner) askShown(ctx context.Context, userIDs []int64) (map[int64]storage.Shown, error) {
	users, err := r.askUsers(ctx, userIDs)
	if err != nil || len(users) == 0 {
		return nil, err
	}
	return shownAll(users), nil
}

// shownAll is what Telegram shows of each user.
func shownAll(users []*tg.User) map[int64]storage.Shown {
	shown := map[int64]storage.Shown{}
	for _, u := range users {
		shown[u.ID] = shownOf(u)
	}
	return shown
}

// askUsers asks Telegram, in one users.getUsers, for up to syncBatch users
// the peer cache knows.
func (r *runner) askUsers(ctx context.Context, userIDs []int64) ([]*tg.User, error) {
	ids := make([]tg.InputUserClass, 0, len(userIDs))
	for _, id := range userIDs {
		peer, found, err := r.peers.PeerByID(id)
		if err != nil {
			return nil, err
		}
		if found {
			ids = append(ids, inputUser(peer))
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	res, err := r.api.UsersGetUsers(ctx, ids)
	if err != nil {
		return nil, err
	}
	users := make([]*tg.User, 0, len(res))
	for _, u := range res {
		if user, ok := u.(*tg.User); ok {
			users = append(users, user)
		}
	}
	return users, nil
}

// shownOf reads what Telegram shows of a user.
func shownOf(u *tg.User) storage.Shown {
	s := storage.Shown{Deleted: u.Deleted, Contact: u.Contact}
	if p, ok := u.Photo.(*tg.UserProfilePhoto); ok && p.Personal {
		s.PhotoID = p.PhotoID
	}
	return s
}

// firstSync is when the records are first checked with Telegram: a day
// after the last check, which may be now or past (at start-up).
func firstSync(recs records, now time.Time) time.Time {
	if v, ok, err := recs.Meta(metaLastSync); err == nil && ok {
		if last, err := time.Parse(time.RFC3339, v); err == nil {
			return last.Add(syncEvery)
		}
	}
	return now
}

// syncDaily checks the records at start-up and then once a day, as the
// worker's upkeep, so it never races a command for the same contact.
func (w *worker) syncDaily(ctx context.Context) {
	now := w.now()
	if now.Before(w.nextSync) {
		return
	}
	var (
		removed []string
		err     error
	)
	check := func(ctx context.Context) {
		err = survive(w.lg, "check of the records", func() (err error) {
			removed, err = w.run.syncRecords(ctx)
			return err
		})
	}
	if perr := w.parkable(ctx, upkeepID, check); perr != nil {
		return // stopping, or held by a flood wait: try again after it
	}
	w.nextSync = now.Add(syncEvery)
	if err != nil {
		w.lg.Warn("Check records with Telegram", zap.Error(err))
		return
	}
	if len(removed) == 0 {
		w.lg.Info("Records checked with Telegram")
		return
	}
	w.lg.Info("Records checked with Telegram", zap.Strings("removed_elsewhere", removed))
}

func labelOf(rec storage.PhotoRecord) string {
	if rec.Label != "" {
		return rec.Label
	}
	return "id " + itoa(int(rec.UserID))
}
