package handlers

import (
	"context"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "reset",
			Usage:   "/reset TARGET...",
			Summary: "removes the personal photo of each target",
			Example: "/reset @alice +15550001111",
			Notes:   []string{"You see the photo they chose themselves again.", "/undo right after it brings back the photo it removed.", "/reset all: also photos set in another app, each kept first for /undo all."},
			Targets: command.Many,
			All:     true,
			Examples: []command.Example{
				{Text: "/reset @alice", Note: "you see their own photo again"},
				{Text: "/reset @alice +15550001111", Note: "two at once"},
			},
		},
		helpOrder: 3,
		changes:   true,
		run:       (*runner).reset,
	})
}

// reset runs /reset: save with no media, for each target that has a
// personal photo by our record or, without one, by Telegram's word.
func (r *runner) reset(ctx context.Context, c call) outcome {
	if c.cmd.All {
		return r.runBulk(ctx, c, resetAll{})
	}
	return r.eachTarget(ctx, c.msg.ID, c.cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.resetOne(ctx, t, step)
	})
}

func (r *runner) resetOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	removed := label + ": personal photo removed"
	var none, undoable bool
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		has, err := r.hasPersonalPhoto(ctx, peer)
		if err != nil {
			return err
		}
		if !has {
			none = true
			undoable, err = r.hasHistory(peer.ID)
			return err
		}
		if err := r.removePersonalPhoto(ctx, peer); err != nil {
			return err
		}
		return r.records.ResetPhoto(peer.ID, r.now(), finished(step, true, removed))
	})
	switch {
	case err != nil:
		return false, explain(label, err)
	case none && undoable:
		return false, "no personal photo set for " + label + "; " + r.prefix + "undo " + label + " brings back the last one"
	case none:
		return false, "no personal photo set for " + label
	}
	return true, removed
}

// hasHistory reports whether /undo has a step to go back to for the
// contact, so a refusal can name it.
func (r *runner) hasHistory(userID int64) (bool, error) {
	rec, _, err := r.records.Photo(userID)
	return len(rec.History) > 0, err
}

// hasPersonalPhoto trusts our record, else asks Telegram: the photo may
// have been set from another app.
func (r *runner) hasPersonalPhoto(ctx context.Context, peer storage.Peer) (bool, error) {
	rec, found, err := r.records.Photo(peer.ID)
	if err != nil {
		return false, err
	}
	if found && rec.Current != nil {
		return true, nil
	}
	api := r.api
	full, err := api.UsersGetFullUser(ctx, inputUser(peer))
	if err != nil {
		return false, err
	}
	_, has := full.FullUser.GetPersonalPhoto()
	return has, nil
}
