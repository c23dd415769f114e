package handlers

import (
	"context"

	"github.com/go-faster/errors"
	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media"
	"persona/storage"
)

// kindKept is /keep's: a copy of one of the contact's own profile photos.
// The entry names that photo (KeptPhotoID, KeptDate), and it is copied
// again from their list while they still have it.
const kindKept storage.PhotoKind = "kept"

func init() {
	registerKind(kindKept, photoKind{
		describe: func(e storage.PhotoEntry, z zone) string {
			return "kept from their photo of " + z.at(e.KeptDate) + ", set " + z.at(e.SetAt)
		},
		backTo:   func(e storage.PhotoEntry, z zone) string { return "their photo of " + z.at(e.KeptDate) },
		setAgain: (*runner).keepAgain,
	})
}

// keepAgain copies the same own photo again, for /undo and timers going
// back to a /keep, when it is still in the user's list.
func (r *runner) keepAgain(ctx context.Context, peer storage.Peer, e storage.PhotoEntry) (*tg.PhotosPhoto, error) {
	all, err := r.ownPhotos(ctx, peer)
	if err != nil {
		return nil, err
	}
	for _, pc := range all {
		own, ok := pc.(*tg.Photo)
		if !ok || own.ID != e.KeptPhotoID {
			continue
		}
		p, err := keptMedia(e.CommandID, own)
		if err != nil {
			return nil, err
		}
		return r.uploadContactPhoto(ctx, p, peer, false)
	}
	return nil, usererr.New("their photo of " + r.zone.at(e.KeptDate) + " is no longer in their profile")
}

// ownPhotos is the first page of the user's own profile photos, newest
// first: enough to find one kept before, and more than most people have.
func (r *runner) ownPhotos(ctx context.Context, peer storage.Peer) ([]tg.PhotoClass, error) {
	api := r.api
	res, err := api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{UserID: inputUser(peer), Limit: 100})
	if err != nil {
		return nil, errors.Wrap(err, "get their profile photos")
	}
	return res.GetPhotos(), nil
}

// keptMedia is the largest size of an own profile photo as media to
// upload again: a video photo stays a video, its cover frame kept as
// video_start_ts, else the photo's largest size.
func keptMedia(msgID int, p *tg.Photo) (*prepared, error) {
	if v, ok := largestVideo(p); ok {
		src := media.Source{
			Kind: media.KindVideo, W: v.W, H: v.H, Size: int64(v.Size), Name: "profile.mp4",
			Location: &tg.InputPhotoFileLocation{ID: p.ID, AccessHash: p.AccessHash, FileReference: p.FileReference, ThumbSize: v.Type},
		}
		pr := &prepared{src: src, kind: kindKept, commandID: msgID}
		if ts, ok := v.GetVideoStartTs(); ok {
			pr.opts.Frame = &ts
		}
		return pr, nil
	}
	src, found, err := media.FromMessage(&tg.Message{Media: &tg.MessageMediaPhoto{Photo: p}})
	if err != nil || !found {
		return nil, usererr.New("their profile photo has no size to download")
	}
	src.Name = "profile.jpg"
	return &prepared{src: src, kind: kindKept, commandID: msgID}, nil
}

// largestVideo is the video size with the most pixels; markup sizes (an
// emoji or sticker photo) are not videos to download.
func largestVideo(p *tg.Photo) (*tg.VideoSize, bool) {
	var best *tg.VideoSize
	for _, vs := range p.VideoSizes {
		if v, ok := vs.(*tg.VideoSize); ok && (best == nil || v.W*v.H > best.W*best.H) {
			best = v
		}
	}
	return best, best != nil
}
