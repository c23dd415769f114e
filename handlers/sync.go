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
	ids := make([]tg.InputUserClass, 0, len(recs))
	for _, rec := range recs {
		peer, found, err := r.peers.PeerByID(rec.UserID)
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
	users, err := r.api.UsersGetUsers(ctx, ids)
	if err != nil {
		return nil, err
	}
	shown := map[int64]int64{} // user → the personal photo Telegram shows
	for _, u := range users {
		user, ok := u.(*tg.User)
		if !ok {
			continue
		}
		shown[user.ID] = 0
		if p, ok := user.Photo.(*tg.UserProfilePhoto); ok && p.Personal {
			shown[user.ID] = p.PhotoID
		}
	}
	found := map[int64]int64{}
	for _, rec := range recs {
		photo, answered := shown[rec.UserID]
		if !answered {
			continue // unknown to Telegram now; the next check may tell
		}
		found[rec.UserID] = photo
		if photo == 0 {
			removed = append(removed, labelOf(rec))
		}
	}
	if err := r.records.SyncPhotos(found, r.now()); err != nil {
		return nil, err
	}
	return removed, nil
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
