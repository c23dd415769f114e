package handlers

import (
	"context"
	"sync"

	"github.com/gotd/td/tg"
	"golang.org/x/sync/errgroup"

	"persona/storage"
)

// watchask.go: a check of watched contacts in one round trip. For a
// contact with a personal photo, users.getUsers shows that photo instead of
// their own (ownPhotoIn), and only photos.getUserPhotos tells their own:
// asked after users.getUsers, it would put the notice one round trip later
// than its three: one check, one upload, one send (BenchmarkWatchNotice,
// docs/PERFORMANCE.md). So the watched
// contacts Persona knows to have a personal photo are asked about beside
// users.getUsers, at the same time.

// ownPhotoCalls bounds the photos.getUserPhotos made at once: a check of
// 100 contacts with personal photos makes 100, a few at a time.
const ownPhotoCalls = 4

// ownPhotos are watched contacts' own current photos, asked beside the
// check; nil for a contact Telegram shows no own photo of.
type ownPhotos map[int64]*tg.Photo

// askWatched asks users.getUsers about ids and, at the same time,
// photos.getUserPhotos about the watched ones with a personal photo.
func (r *runner) askWatched(ctx context.Context, ids []int64) ([]*tg.User, ownPhotos, error) {
	hidden, err := r.ownPhotoHidden(ids)
	if err != nil || len(hidden) == 0 {
		users, askErr := r.askUsers(ctx, ids)
		return users, nil, askErr
	}
	var (
		users []*tg.User
		mu    sync.Mutex
		own   = make(ownPhotos, len(hidden))
	)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(1 + ownPhotoCalls)
	g.Go(func() (err error) {
		users, err = r.askUsers(gctx, ids)
		return err
	})
	for _, peer := range hidden {
		g.Go(func() error {
			p, err := r.currentOwnPhoto(gctx, peer)
			mu.Lock()
			defer mu.Unlock()
			own[peer.ID] = p
			return err
		})
	}
	return users, own, g.Wait()
}

// ownPhotoHidden are the peers among ids that are watched and have a
// personal photo Persona knows of: set by Persona, or in another app.
func (r *runner) ownPhotoHidden(ids []int64) ([]storage.Peer, error) {
	if r.watches == nil {
		return nil, nil
	}
	var out []storage.Peer
	for _, id := range ids {
		rec, found, err := r.records.Photo(id)
		if err != nil {
			return nil, err
		}
		if !found || (rec.Current == nil && rec.Elsewhere != storage.ElsewhereChanged) {
			continue
		}
		if _, watched, err := r.watches.Watched(id); err != nil || !watched {
			if err != nil {
				return nil, err
			}
			continue
		}
		peer, known, err := r.peers.PeerByID(id)
		if err != nil {
			return nil, err
		}
		if known {
			out = append(out, peer)
		}
	}
	return out, nil
}

// ownPhotoOf is the id of u's own current photo: from u when it shows
// it, else from what was asked beside the check, else asked now.
func (r *runner) ownPhotoOf(ctx context.Context, peer storage.Peer, u *tg.User, own ownPhotos) (int64, error) {
	if _, known := ownPhotoIn(u); !known {
		if p, asked := own[u.ID]; asked {
			if p == nil {
				return 0, nil
			}
			return p.ID, nil
		}
	}
	return r.ownPhotoID(ctx, peer, u)
}
