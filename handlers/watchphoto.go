package handlers

import (
	"context"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media/mp4"
	"persona/storage"
)

// watchphoto.go: a watched contact's own profile photo, as Telegram shows
// it, and its copy in the archive (/watch, the checks, the notices).

// notVisible: Telegram shows a photo id but will not hand over the photo,
// as for a photo its owner's privacy hides from the account.
const notVisible = "their profile photo is not visible to you"

// ownPhotoIn is the id of u's own profile photo as users.getUsers shows
// it, 0 for none. known is false when u shows the personal photo the
// account set instead (docs/ARCHITECTURE.md, "The user object tells who
// has a personal photo"): then only photos.getUserPhotos tells their own.
func ownPhotoIn(u *tg.User) (id int64, known bool) {
	if p, ok := u.Photo.(*tg.UserProfilePhoto); ok {
		if p.Personal {
			return 0, false
		}
		return p.PhotoID, true
	}
	return 0, true
}

// currentOwnPhoto is the user's own current profile photo, the first of
// photos.getUserPhotos; nil when they have none Telegram shows the account.
func (r *runner) currentOwnPhoto(ctx context.Context, peer storage.Peer) (*tg.Photo, error) {
	res, err := r.api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{UserID: inputUser(peer), Limit: 1})
	if err != nil {
		return nil, errors.Wrap(err, "get their profile photo")
	}
	if photos := res.GetPhotos(); len(photos) > 0 {
		if p, ok := photos[0].(*tg.Photo); ok {
			return p, nil
		}
	}
	return nil, nil
}

// ownPhotoID is the id of the user's own current photo: from u when it
// shows it, else asked of photos.getUserPhotos.
func (r *runner) ownPhotoID(ctx context.Context, peer storage.Peer, u *tg.User) (int64, error) {
	if id, known := ownPhotoIn(u); known {
		return id, nil
	}
	p, err := r.currentOwnPhoto(ctx, peer)
	if err != nil || p == nil {
		return 0, err
	}
	return p.ID, nil
}

// archivePhoto keeps a copy of p's full size in the archive: the largest
// photo size, or the video for a video photo. A photo w already has a
// good copy of is not downloaded again.
func (r *runner) archivePhoto(ctx context.Context, w storage.Watch, p *tg.Photo) (storage.Copy, error) {
	for _, c := range w.Copies {
		if c.PhotoID != p.ID {
			continue
		}
		if _, err := r.archive.Get(c.File); err == nil {
			return c, nil
		}
	}
	pr, err := keptMedia(0, p)
	if err != nil {
		return storage.Copy{}, err
	}
	data, err := r.transfer.Fetch(ctx, pr.src)
	if err != nil {
		return storage.Copy{}, err
	}
	c := storage.Copy{PhotoID: p.ID, Date: photoDate(p)}
	ext := ".jpg"
	if v, ok := largestVideo(p); ok {
		ext, c.Video, c.W, c.H = ".mp4", true, v.W, v.H
		c.Frame, _ = v.GetVideoStartTs()
		c.Duration = clipSeconds(data) // a photo's video size does not say it
	}
	c.File, err = r.archive.Put(data, ext)
	var ue *usererr.Error
	if errors.As(err, &ue) {
		err = usererr.New(w.Label + ": " + ue.Msg) // the disk is full, or the folder not ours
	}
	return c, err
}

// clipSeconds is the length of an MP4 clip, from its header; 0 when the
// header does not say.
func clipSeconds(data []byte) float64 {
	info, err := mp4.Probe(data)
	if err != nil {
		return 0
	}
	return info.Duration.Seconds()
}

// removeFiles deletes archive files no watch uses any more.
func (r *runner) removeFiles(files []string) {
	for _, f := range files {
		if err := r.archive.Remove(f); err != nil {
			r.noteError(err)
		}
	}
}
