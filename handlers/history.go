package handlers

import (
	"context"
	"fmt"

	"persona/handlers/command"
	"persona/storage"
)

// history runs /history: the target's personal photos, newest first.
func (r *Router) history(ctx context.Context, cmd command.Command) reply {
	t := cmd.Targets[0]
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	rec, found, err := r.db.Photo(peer.ID)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	if !found || (rec.Current == nil && len(rec.History) == 0) {
		return failed("no personal photos recorded for " + t.Label())
	}
	out := reply{header: "personal photos of " + t.Label() + ", newest first"}
	if rec.Current != nil {
		out.add(true, "• now: "+describeEntry(*rec.Current))
	} else {
		out.add(true, "• now: none (reset "+rec.ResetAt.Format(timeFormat)+")")
	}
	for i, e := range rec.History {
		out.add(true, fmt.Sprintf("• %d: %s", i+1, describeEntry(e)))
	}
	return out
}

// describeEntry is one line of /history. Its "from message N (options)"
// part is also what a reply to the /history answer is read back from
// (see historyEntry), so change both together.
func describeEntry(e storage.PhotoEntry) string {
	s := fmt.Sprintf("%s from message %d%s, set %s", e.Kind, e.SourceMsgID, entryOptions(e), e.SetAt.Format(timeFormat))
	switch e.Kind { // no source message: nothing for a reply to /history to set again
	case storage.KindHidden:
		s = "hidden behind their initials, set " + e.SetAt.Format(timeFormat)
	case storage.KindKept:
		s = "kept from their photo of " + e.KeptDate.Format(timeFormat) + ", set " + e.SetAt.Format(timeFormat)
	}
	if e.AddedContact {
		s += ", added by Persona to your contacts"
	}
	if e.Suggested {
		s += ", also suggested"
	}
	if !e.ExpiresAt.IsZero() {
		s += ", until " + e.ExpiresAt.Format(timeFormat)
	}
	return s
}

// undo runs /undo: back to the previous personal photo, re-uploaded from its
// source message, or a reset when there was none.
func (r *Router) undo(ctx context.Context, msgID int, cmd command.Command) reply {
	return r.eachTarget(ctx, msgID, cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.undoOne(ctx, t, step)
	})
}

func (r *Router) undoOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return false, explain(label, err)
	}
	rec, found, err := r.db.Photo(peer.ID)
	if err != nil {
		return false, explain(label, err)
	}
	if !found || rec.Current == nil {
		return false, "nothing to undo for " + label
	}
	if len(rec.History) == 0 {
		if err := r.removePersonalPhoto(ctx, peer); err != nil {
			return false, explain(label, err)
		}
		line := label + ": personal photo removed (there was no earlier one)"
		if err := r.db.ResetPhoto(peer.ID, r.now(), finished(step, true, line)); err != nil {
			return false, explain(label, err)
		}
		return true, line
	}
	prev := rec.History[0]
	line := label + ": back to " + describePrevious(prev)
	err = r.reapply(ctx, peer, prev, func(e storage.PhotoEntry) error {
		return r.db.UndoPhoto(peer.ID, e, finished(step, true, line))
	})
	if err != nil {
		return false, explain(label, err)
	}
	return true, line
}

// describePrevious names the entry /undo goes back to.
func describePrevious(e storage.PhotoEntry) string {
	switch e.Kind {
	case storage.KindHidden:
		return "their initials from " + e.SetAt.Format(timeFormat)
	case storage.KindKept:
		return "their photo of " + e.KeptDate.Format(timeFormat)
	}
	return "the " + string(e.Kind) + " from " + e.SetAt.Format(timeFormat)
}
