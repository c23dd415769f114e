package handlers

import (
	"context"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
	"persona/storage"
)

// frommedia.go: setting a photo from the media of a message, for /setphoto
// and /suggest, which differ only in the flag they send.

// setPhoto runs /setphoto (suggest false) and /suggest (suggest true).
func (r *runner) setPhoto(ctx context.Context, c call, suggest bool) outcome {
	msg, cmd := c.msg, c.cmd
	var p *prepared
	if !r.allDone(msg.ID, cmd.Targets) { // resumed after a crash with nothing left: no download
		var err error
		if p, err = r.prepare(ctx, msg, cmd); err != nil {
			return failed(explain("", err))
		}
		p.progress = c.status.uploadProgress
	}
	return r.eachTarget(ctx, msg.ID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.applyTo(ctx, p, t, suggest, cmd, step)
	})
}

// applyTo sets or suggests the prepared media for one target and records it.
func (r *runner) applyTo(ctx context.Context, p *prepared, t command.Target, suggest bool, cmd command.Command, step storage.Step) (bool, string) {
	label := t.Label()
	setPersonal := !suggest
	alsoSuggest := suggest || cmd.Options.Suggest()
	var expires time.Time
	if setPersonal && cmd.Options.For() > 0 {
		expires = r.now().Add(cmd.Options.For())
	}
	var line string
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		if err := r.noPersonalPhoto(peer, label); err != nil {
			return err
		}
		var (
			res   *tg.PhotosPhoto
			added bool
			err   error
		)
		if setPersonal {
			added, err = r.asContact(ctx, peer, nil, label, cmd.Options.Add(), func() (err error) {
				res, err = r.uploadContactPhoto(ctx, p, peer, false)
				return err
			})
			if err != nil {
				return err
			}
		}
		if alsoSuggest {
			res, err = r.uploadContactPhoto(ctx, p, peer, true)
		}
		line = setLine(label, setPersonal, alsoSuggest, added, expires)
		if err == nil && setPersonal {
			err = r.records.SetPhoto(peer.ID, label, storage.PhotoEntry{
				Kind: p.kind, SourceMsgID: p.src.MsgID, CommandID: p.commandID,
				PhotoID: photoID(res), SetAt: r.now(), Suggested: alsoSuggest, ExpiresAt: expires,
				Frame: p.opts.Frame, BG: p.markupBG(), AddedContact: added,
			}, finished(step, true, line))
		}
		return err
	})
	if !setPersonal && tgerr.Is(err, "CONTACT_MISSING") {
		return false, label + " is not in your contacts and shares no chat with you: Telegram takes suggestions only between people who know each other"
	}
	if err != nil {
		return false, explain(label, err)
	}
	if !expires.IsZero() {
		r.timersChanged()
	}
	return true, line
}

// setLine is the answer for one target of /setphoto or /suggest.
func setLine(label string, setPersonal, alsoSuggest, added bool, expires time.Time) string {
	var line string
	switch {
	case setPersonal && alsoSuggest:
		line = "personal photo set and suggested"
	case setPersonal:
		line = "personal photo set"
	default:
		line = "photo suggested"
	}
	if added {
		line = "added to your contacts; " + line
	}
	if !expires.IsZero() {
		line += ", until " + expires.Format(timeFormat) // made from runner.now, so in the zone
	}
	return label + ": " + line
}
