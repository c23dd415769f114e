package handlers

import (
	"context"

	"github.com/go-faster/errors"
	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"

	"persona/media/placeholder"
	"persona/storage"
)

// kindHidden is /hide's: their initials on their colour, drawn by Persona.
// There is no source message: it is drawn again, with the name the user
// has then.
const kindHidden storage.PhotoKind = "hidden"

func init() {
	registerKind(kindHidden, photoKind{
		describe: func(e storage.PhotoEntry, z zone) string { return "hidden behind their initials, set " + z.at(e.SetAt) },
		backTo:   func(e storage.PhotoEntry, z zone) string { return "their initials from " + z.at(e.SetAt) },
		setAgain: (*runner).hideAgain,
	})
}

// hideAgain draws the picture again, for /undo and timers going back to a
// /hide, with the name the user has now.
func (r *runner) hideAgain(ctx context.Context, peer storage.Peer, _ storage.PhotoEntry) (*tg.PhotosPhoto, error) {
	u, err := r.freshUser(ctx, peer)
	if err != nil {
		return nil, err
	}
	return r.setHidden(ctx, peer, u)
}

// setHidden draws the user's placeholder and sets it as their personal
// photo. The picture is small (tens of kB), so it is uploaded from memory.
func (r *runner) setHidden(ctx context.Context, peer storage.Peer, u *tg.User) (*tg.PhotosPhoto, error) {
	jpeg, err := placeholder.JPEG(u.ID, u.FirstName, u.LastName)
	if err != nil {
		return nil, err
	}
	api := r.api
	f, err := uploader.NewUploader(api).FromBytes(ctx, "hidden.jpg", jpeg)
	if err != nil {
		return nil, errors.Wrap(err, "upload the picture")
	}
	return api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Save: true, UserID: inputUser(peer), File: f,
	})
}
