package handlers

import (
	"context"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "hide",
			Usage:   "/hide TARGET... [add=yes]",
			Summary: "hides each target's own pictures from you behind their initials on a plain colour",
			Example: "/hide @alice",
			Notes:   []string{"Their initials in white on the colour Telegram gives them, or a silhouette.", "/reset or /undo brings their own photos back."},
			Options: []string{"add"},
			Targets: command.Many,
			All:     true,
			Examples: []command.Example{
				{Text: "/hide @alice @bob", Note: "both show their initials instead of their photos"},
				{Text: "/hide @eve add=yes", Note: "adds @eve to your contacts first"},
			},
		},
		helpOrder: 5,
		changes:   true,
		run:       (*runner).hide,
	})
}

// hide runs /hide: a picture of each target's initials on their colour,
// drawn here, becomes their personal photo, so their own photos no longer
// show; /reset or /undo brings them back.
func (r *runner) hide(ctx context.Context, c call) outcome {
	if c.cmd.All {
		return r.runBulk(ctx, c, hideAll{})
	}
	msgID, cmd := c.msg.ID, c.cmd
	return r.eachTarget(ctx, msgID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.hideOne(ctx, msgID, t, cmd.Options.Add(), step)
	})
}

func (r *runner) hideOne(ctx context.Context, msgID int, t command.Target, add bool, step storage.Step) (bool, string) {
	label := t.Label()
	var line string
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		if err := r.noPersonalPhoto(peer, label); err != nil {
			return err
		}
		u, err := r.freshUser(ctx, peer) // the name as it is now, and whether they are a contact
		if err != nil {
			return err
		}
		var res *tg.PhotosPhoto
		added, err := r.asContact(ctx, peer, u, label, add, func() (err error) {
			res, err = r.setHidden(ctx, peer, u)
			return err
		})
		if err != nil {
			return err
		}
		line = label + ": personal photo set to their initials; /reset brings theirs back"
		if added {
			line = label + ": added to your contacts; personal photo set to their initials"
		}
		return r.records.SetPhoto(peer.ID, label, storage.PhotoEntry{
			Kind: kindHidden, CommandID: msgID, PhotoID: photoID(res), SetAt: r.now(), AddedContact: added,
		}, finished(step, true, line))
	})
	if err != nil {
		return false, explain(label, err)
	}
	return true, line
}
