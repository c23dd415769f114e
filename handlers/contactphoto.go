package handlers

import (
	"context"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
	"go.uber.org/zap"

	"persona/storage"
)

// contactphoto.go: the calls that set and remove a contact's personal photo
// (photos.uploadContactProfilePhoto), shared by every command and timer.

// uploadContactPhoto sends the prepared media to one contact. The upload is
// made once and reused for every target; should Telegram no longer accept
// it, the media is uploaded again, and the user sees no difference.
func (r *runner) uploadContactPhoto(ctx context.Context, p *prepared, peer storage.Peer, suggest bool) (*tg.PhotosPhoto, error) {
	api := r.api
	call := func() (*tg.PhotosPhoto, error) {
		req := &tg.PhotosUploadContactProfilePhotoRequest{UserID: inputUser(peer)}
		if suggest {
			req.Suggest = true
		} else {
			req.Save = true
		}
		if err := p.fill(ctx, r, req); err != nil {
			return nil, err
		}
		return api.PhotosUploadContactProfilePhoto(ctx, req)
	}
	reused := p.uploaded != nil
	res, err := call()
	if reused && uploadGone(err) {
		r.lg.Info("Upload not reusable; uploading again", zap.Int("msg_id", p.commandID), zap.Error(err))
		p.uploaded = nil
		res, err = call()
	}
	return res, err
}

// uploadGone tells Telegram's answers about an uploaded file it no longer
// has (FILE_PART_0_MISSING is FILE_PART_MISSING to tgerr).
func uploadGone(err error) bool {
	return tgerr.Is(err, "FILE_PART_MISSING", "FILE_PARTS_INVALID", "FILE_ID_INVALID")
}

// removePersonalPhoto asks Telegram to show the contact's own photo again:
// the same call with save and no media.
func (r *runner) removePersonalPhoto(ctx context.Context, peer storage.Peer) error {
	api := r.api
	_, err := api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Save:   true,
		UserID: inputUser(peer),
	})
	return err
}

// photoID is the id of the photo Telegram made, 0 when it made none (a
// removal answers with an empty photo).
func photoID(res *tg.PhotosPhoto) int64 {
	if res == nil {
		return 0
	}
	if p, ok := res.Photo.(*tg.Photo); ok {
		return p.ID
	}
	return 0
}
