package handlers

import (
	"context"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/gopanic"
	"persona/storage"
)

// syncEvery is how often the records are checked against Telegram without
// a /list: once a day is plenty for photos changed from another app.
const (
	syncEvery    = 24 * time.Hour
	syncParallel = 4 // getFullUser calls in flight at once
	metaLastSync = "last_sync"
)

// syncRecords asks Telegram what it shows for every contact with a current
// photo and corrects the records: photos removed or replaced from another
// app are marked. It returns the labels of the ones found removed.
func (r *Router) syncRecords(ctx context.Context) ([]string, error) {
	recs, err := r.db.Photos()
	if err != nil {
		return nil, err
	}
	var (
		mu       sync.Mutex
		removed  []string
		firstErr error
		wg       sync.WaitGroup
		slots    = make(chan struct{}, syncParallel)
		panics   = gopanic.Catcher{Where: "a goroutine checking the records"}
	)
	for _, rec := range recs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			defer panics.Catch(nil)
			gone, err := r.syncOne(ctx, rec)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			if gone {
				removed = append(removed, labelOf(rec))
			}
		}()
	}
	wg.Wait()
	panics.Rethrow()
	if firstErr == nil && len(recs) > 0 { // nothing checked: the next start may
		firstErr = r.db.SetMeta(metaLastSync, r.now().Format(time.RFC3339))
	}
	return removed, firstErr
}

func (r *Router) syncOne(ctx context.Context, rec storage.PhotoRecord) (removed bool, err error) {
	peer, found, err := r.db.PeerByID(rec.UserID)
	if err != nil || !found {
		return false, err
	}
	api, _, _ := r.client()
	full, err := api.UsersGetFullUser(ctx, inputUser(peer))
	if err != nil {
		return false, err
	}
	var shown int64
	if p, ok := full.FullUser.GetPersonalPhoto(); ok {
		if photo, ok := p.(*tg.Photo); ok {
			shown = photo.ID
		}
	}
	if err := r.db.SyncPhoto(rec.UserID, shown, r.now()); err != nil {
		return false, err
	}
	return shown == 0, nil
}

// syncDaily checks the records at start-up and then once a day, from the
// worker, so it never races a command for the same contact.
func (r *Router) syncDaily(ctx context.Context) {
	now := r.now()
	if r.nextSync.IsZero() {
		r.nextSync = now
		if v, ok, err := r.db.Meta(metaLastSync); err == nil && ok {
			if last, err := time.Parse(time.RFC3339, v); err == nil {
				r.nextSync = last.Add(syncEvery)
			}
		}
	}
	if now.Before(r.nextSync) {
		return
	}
	var (
		removed []string
		err     error
	)
	check := func(ctx context.Context) {
		err = r.survive("check of the records", func() (err error) {
			removed, err = r.syncRecords(ctx)
			return err
		})
	}
	if perr := r.runParkable(ctx, check); perr != nil {
		return // stopping, or held by a flood wait: try again on the next round
	}
	r.nextSync = now.Add(syncEvery)
	if err != nil {
		r.lg.Warn("Check records with Telegram", zap.Error(err))
		return
	}
	if len(removed) == 0 {
		r.lg.Info("Records checked with Telegram")
		return
	}
	r.lg.Info("Records checked with Telegram", zap.Strings("removed_elsewhere", removed))
}

func labelOf(rec storage.PhotoRecord) string {
	if rec.Label != "" {
		return rec.Label
	}
	return "id " + itoa(int(rec.UserID))
}
