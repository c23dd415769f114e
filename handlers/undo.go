package handlers

import (
	"context"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "undo",
			Usage:   "/undo TARGET...",
			Summary: "goes back one step in the history of each target",
			Example: "/undo @alice",
			Notes: []string{
				"Back to the photo before (uploaded again, with its frame= or bg=), or to none.",
				"A /reset is a step too: /undo right after it brings back the photo it removed.",
				"Each /undo goes one step further back.",
				"/undo all right after a job for all contacts takes that job back.",
			},
			Targets: command.Many,
			All:     true,
			Examples: []command.Example{
				{Text: "/undo @alice", Note: "back one step: the photo before, or the one a /reset removed"},
				{Text: "/undo @alice @bob", Note: "both, one step each"},
			},
		},
		helpOrder: 4,
		changes:   true,
		run:       (*runner).undo,
	})
}

// undo runs /undo: back to the previous personal photo, re-uploaded from its
// source message, or a reset when there was none.
func (r *runner) undo(ctx context.Context, c call) outcome {
	if c.cmd.All {
		return r.runBulk(ctx, c, undoAll{})
	}
	return r.eachTarget(ctx, c.msg.ID, c.cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.undoOne(ctx, t, step)
	})
}

func (r *runner) undoOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return false, explain(label, err)
	}
	rec, found, err := r.records.Photo(peer.ID)
	if err != nil {
		return false, explain(label, err)
	}
	if !found || (rec.Current == nil && len(rec.History) == 0) {
		return false, "nothing to undo for " + label
	}
	if prev, ok := previousPhoto(rec); ok {
		line := label + ": back to " + describePrevious(prev, r.zone)
		err = r.reapply(ctx, peer, prev, func(e storage.PhotoEntry) error {
			return r.records.UndoPhoto(peer.ID, &e, r.now(), finished(step, true, line))
		})
		if err != nil {
			return false, explain(label, err)
		}
		return true, line
	}
	if err := r.removePersonalPhoto(ctx, peer); err != nil {
		return false, explain(label, err)
	}
	line := label + ": personal photo removed (there was no earlier one)"
	if len(rec.History) > 0 {
		line = label + ": personal photo removed, as after the reset of " + r.zone.at(rec.History[0].SetAt)
	}
	if err := r.records.UndoPhoto(peer.ID, nil, r.now(), finished(step, true, line)); err != nil {
		return false, explain(label, err)
	}
	return true, line
}
