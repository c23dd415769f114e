package handlers

import (
	"context"
	"path/filepath"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media"
	"persona/storage"
)

// Before /reset all removes a personal photo that Persona did not set (the
// owner set it in another app), it keeps a copy in the archive beside the
// database and notes it in the job's contact, so `/undo all` can put it
// back: Telegram keeps no removed personal photo, and Persona's records,
// which /undo walks, know only the photos Persona set.

// archiveBeforeReset keeps a copy of c's personal photo when Persona's
// records did not set it, and notes it in contact index of job msgID.
func (r *runner) archiveBeforeReset(ctx context.Context, msgID, index int, c storage.Contact) error {
	rec, found, err := r.records.Photo(c.ID)
	if err != nil || (found && rec.Current != nil && rec.Current.PhotoID == c.PhotoID) {
		return err // Persona's own: /undo brings it back from the records
	}
	if r.archive == nil {
		return usererr.New("no archive to keep a copy of the photo in")
	}
	p, err := r.personalPhotoOf(ctx, c)
	if err != nil || p == nil {
		return err
	}
	a, data, err := archivedMedia(p)
	if err != nil {
		return err
	}
	bytes, err := r.transfer.Fetch(ctx, data)
	if err != nil {
		return err
	}
	if a.Name, err = r.archive.Put(bytes, filepath.Ext(data.Name)); err != nil {
		return err
	}
	return r.bulk.NoteBulkArchived(msgID, index, a)
}

// personalPhotoOf is the personal photo Telegram shows for c
// (users.getFullUser's personal_photo); nil when there is none.
func (r *runner) personalPhotoOf(ctx context.Context, c storage.Contact) (*tg.Photo, error) {
	full, err := r.api.UsersGetFullUser(ctx, &tg.InputUser{UserID: c.ID, AccessHash: c.AccessHash})
	if err != nil {
		return nil, err
	}
	p, _ := full.FullUser.PersonalPhoto.(*tg.Photo)
	return p, nil
}

// archivedMedia is what to download of a photo: its largest video size
// for a video photo (with its cover frame), else its largest size.
func archivedMedia(p *tg.Photo) (storage.Archived, media.Source, error) {
	pr, err := keptMedia(0, p)
	if err != nil {
		return storage.Archived{}, media.Source{}, err
	}
	if pr.src.Kind == media.KindVideo {
		pr.src.Name = "photo.mp4"
	} else {
		pr.src.Name = "photo.jpg"
	}
	pr.src.DC = p.DCID
	return storage.Archived{TS: pr.opts.Frame}, pr.src, nil
}

// restoreArchived sets the archived copy a as c's personal photo again.
func (r *runner) restoreArchived(ctx context.Context, c storage.Contact, a storage.Archived) (*tg.PhotosPhoto, error) {
	if r.archive == nil {
		return nil, usererr.New("no archive to read the photo's copy from")
	}
	data, err := r.archive.Get(a.Name)
	if err != nil {
		return nil, err
	}
	video := filepath.Ext(a.Name) == ".mp4"
	f, err := uploader.NewUploader(r.api).FromBytes(ctx, filepath.Base(a.Name), data)
	if err != nil {
		return nil, err
	}
	req := &tg.PhotosUploadContactProfilePhotoRequest{Save: true, UserID: &tg.InputUser{UserID: c.ID, AccessHash: c.AccessHash}}
	if video {
		req.SetVideo(f)
		if a.TS != nil {
			req.SetVideoStartTs(*a.TS)
		}
	} else {
		req.SetFile(f)
	}
	return r.api.PhotosUploadContactProfilePhoto(ctx, req)
}
