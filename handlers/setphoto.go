package handlers

import (
	"context"

	"github.com/gotd/td/tg"

	"persona/command"
	"persona/storage"
)

// setPhoto runs /setphoto (suggest false) and /suggest (suggest true).
func (r *Router) setPhoto(ctx context.Context, msg *tg.Message, cmd command.Command, suggest bool) reply {
	p, err := r.prepare(ctx, msg, cmd)
	if err != nil {
		return failed(explain("", err))
	}
	return eachTarget(cmd.Targets, func(t command.Target) (bool, string) { return r.applyTo(ctx, p, t, suggest, cmd) })
}

// applyTo sets or suggests the prepared media for one target and records it.
func (r *Router) applyTo(ctx context.Context, p *prepared, t command.Target, suggest bool, cmd command.Command) (bool, string) {
	label := t.Label()
	setPersonal := !suggest
	alsoSuggest := suggest || cmd.Options.Suggest
	var res *tg.PhotosPhoto
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		var err error
		if setPersonal {
			if res, err = r.uploadContactPhoto(ctx, p, peer, false); err != nil {
				return err
			}
		}
		if alsoSuggest {
			res, err = r.uploadContactPhoto(ctx, p, peer, true)
		}
		if err == nil && setPersonal {
			err = r.db.SetPhoto(peer.ID, label, storage.PhotoEntry{
				Kind: p.kind, SourceMsgID: p.src.MsgID, CommandID: p.commandID,
				PhotoID: photoID(res), SetAt: r.now(), Suggested: alsoSuggest,
			})
		}
		return err
	})
	switch {
	case err != nil:
		return false, explain(label, err)
	case setPersonal && alsoSuggest:
		return true, label + ": personal photo set and suggested"
	case setPersonal:
		return true, label + ": personal photo set"
	default:
		return true, label + ": photo suggested"
	}
}

// withPeer resolves the target and runs f; when Telegram says a cached
// peer is stale, it forgets it, resolves again and retries once.
func (r *Router) withPeer(ctx context.Context, t command.Target, f func(storage.Peer) error) error {
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return err
	}
	err = f(peer)
	if !stale(err) || t.Kind == command.UserID {
		return err
	}
	if ferr := r.db.ForgetPeer(peer.ID); ferr != nil {
		return ferr
	}
	if peer, err = r.resolve(ctx, t); err != nil {
		return err
	}
	return f(peer)
}

func (r *Router) uploadContactPhoto(ctx context.Context, p *prepared, peer storage.Peer, suggest bool) (*tg.PhotosPhoto, error) {
	api, _, _ := r.client()
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

func photoID(res *tg.PhotosPhoto) int64 {
	if res == nil {
		return 0
	}
	if p, ok := res.Photo.(*tg.Photo); ok {
		return p.ID
	}
	return 0
}
