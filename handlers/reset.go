package handlers

import (
	"context"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/storage"
)

// reset runs /reset: save with no media, for each target that has a
// personal photo by our record or, without one, by Telegram's word.
func (r *Router) reset(ctx context.Context, msgID int, cmd command.Command) reply {
	return r.eachTarget(ctx, msgID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.resetOne(ctx, t, step)
	})
}

func (r *Router) resetOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	removed := label + ": personal photo removed"
	var none bool
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		has, err := r.hasPersonalPhoto(ctx, peer)
		if err != nil || !has {
			none = !has
			return err
		}
		if err := r.removePersonalPhoto(ctx, peer); err != nil {
			return err
		}
		return r.db.ResetPhoto(peer.ID, r.now(), finished(step, true, removed))
	})
	switch {
	case err != nil:
		return false, explain(label, err)
	case none:
		return false, "no personal photo set for " + label
	}
	return true, removed
}

// hasPersonalPhoto trusts our record, else asks Telegram: the photo may
// have been set from another app.
func (r *Router) hasPersonalPhoto(ctx context.Context, peer storage.Peer) (bool, error) {
	rec, found, err := r.db.Photo(peer.ID)
	if err != nil {
		return false, err
	}
	if found && rec.Current != nil {
		return true, nil
	}
	api, _, _ := r.client()
	full, err := api.UsersGetFullUser(ctx, inputUser(peer))
	if err != nil {
		return false, err
	}
	_, has := full.FullUser.GetPersonalPhoto()
	return has, nil
}

func (r *Router) removePersonalPhoto(ctx context.Context, peer storage.Peer) error {
	api, _, _ := r.client()
	_, err := api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Save:   true,
		UserID: inputUser(peer),
	})
	return err
}
