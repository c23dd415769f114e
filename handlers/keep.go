package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "keep",
			Usage:   "/keep TARGET... [photo=N] [add=yes]",
			Summary: "keeps a contact's own profile photo as their personal photo, whatever they set later",
			Example: "/keep @alice",
			Notes:   []string{"A video photo stays a video, with its cover frame."},
			Options: []string{"photo", "add"},
			Targets: command.Many,
			All:     true,
			Examples: []command.Example{
				{Text: "/keep @alice", Note: "their current photo stays, even after they change it"},
				{Text: "/keep @alice photo=2", Note: "their photo before the current one"},
			},
		},
		helpOrder: 6,
		changes:   true,
		run:       (*runner).keep,
	})
}

// keep runs /keep: one of each target's own profile photos, downloaded and
// uploaded again (docs/ARCHITECTURE.md, "A profile photo is uploaded anew"),
// becomes their personal photo, so it stays whatever they set later.
func (r *runner) keep(ctx context.Context, c call) outcome {
	if c.cmd.All {
		return r.runBulk(ctx, c, keepAll{})
	}
	msgID, cmd := c.msg.ID, c.cmd
	n := max(cmd.Options.Photo(), 1)
	return r.eachTarget(ctx, msgID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.keepOne(ctx, msgID, t, n, cmd.Options.Add(), c.status.uploadProgress, step)
	})
}

func (r *runner) keepOne(ctx context.Context, msgID int, t command.Target, n int, add bool, progress func(done, total int64), step storage.Step) (bool, string) {
	label := t.Label()
	var line string
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		if err := r.noPersonalPhoto(peer, label); err != nil {
			return err
		}
		own, u, err := r.ownPhoto(ctx, peer, label, n)
		if err != nil {
			return err
		}
		p, err := keptMedia(msgID, own)
		if err != nil {
			return err
		}
		p.progress = progress
		var res *tg.PhotosPhoto
		added, err := r.asContact(ctx, peer, u, label, add, func() (err error) {
			res, err = r.uploadContactPhoto(ctx, p, peer, false)
			return err
		})
		if err != nil {
			return err
		}
		date := photoDate(own)
		line = fmt.Sprintf("%s: personal photo set to their %s of %s", label, ownKind(own), r.zone.at(date))
		if added {
			line = label + ": added to your contacts; " + line[len(label)+2:]
		}
		return r.records.SetPhoto(peer.ID, label, storage.PhotoEntry{
			Kind: kindKept, CommandID: msgID, PhotoID: photoID(res), SetAt: r.now(), Frame: p.opts.Frame,
			KeptPhotoID: own.ID, KeptDate: date, AddedContact: added,
		}, finished(step, true, line))
	})
	if err != nil {
		return false, explain(label, err)
	}
	return true, line
}

// ownPhoto is the n-th of the user's own profile photos (1: the current
// one), and the user as Telegram sent it along, which says whether they
// are a contact.
func (r *runner) ownPhoto(ctx context.Context, peer storage.Peer, label string, n int) (*tg.Photo, *tg.User, error) {
	api := r.api
	res, err := api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{
		UserID: inputUser(peer), Offset: n - 1, Limit: 1,
	})
	if err != nil {
		return nil, nil, errors.Wrap(err, "get their profile photos")
	}
	if photos := res.GetPhotos(); len(photos) > 0 {
		if p, ok := photos[0].(*tg.Photo); ok {
			return p, userIn(res.GetUsers(), peer.ID), nil
		}
	}
	count := 0
	if s, ok := res.(*tg.PhotosPhotosSlice); ok {
		count = s.Count
	} else if all, err := r.ownPhotos(ctx, peer); err == nil { // a whole list is no count when an offset skipped it
		count = len(all)
	}
	return nil, nil, noSuchPhoto(r.prefix, label, n, count)
}

func userIn(users []tg.UserClass, id int64) *tg.User {
	for _, uc := range users {
		if u, ok := uc.(*tg.User); ok && u.ID == id {
			return u
		}
	}
	return nil
}

// noSuchPhoto says how many profile photos the user has when photo=n is
// not one of them, and what to do instead: with none to keep, /hide gives
// them a picture of their own initials.
func noSuchPhoto(prefix, label string, n, count int) error {
	switch {
	case count <= 0 || (count < n && n == 1):
		return usererr.New(fmt.Sprintf("%s has no profile photo to keep; %shide %s shows their initials instead", label, prefix, label))
	case count == 1:
		return usererr.New(fmt.Sprintf("%s has 1 profile photo; photo=%d is not one of them: use photo=1", label, n))
	}
	return usererr.New(fmt.Sprintf("%s has %d profile photos; photo=%d is not one of them: pick photo=1 to photo=%d", label, count, n, count))
}

func ownKind(p *tg.Photo) string {
	if _, ok := largestVideo(p); ok {
		return "video"
	}
	return "photo"
}

func photoDate(p *tg.Photo) time.Time { return time.Unix(int64(p.Date), 0) }
