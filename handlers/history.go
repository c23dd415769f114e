package handlers

import (
	"context"
	"fmt"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "history",
			Usage:   "/history TARGET",
			Summary: "lists the personal photos and resets of one target, newest first",
			Example: "/history @alice",
			Notes: []string{
				"Photos and resets, newest first: the steps /undo goes back through.",
				"Reply to the answer with /setphoto, quoting a line (select it, then Reply), to set it again.",
			},
			Targets: command.One,
			Examples: []command.Example{
				{Text: "/history @alice", Note: "their personal photos and resets, newest first"},
				{Text: "/history 12345", Note: "the same for the user with id 12345"},
			},
		},
		helpOrder: 8,
		reads:     true,
		run:       (*runner).history,
	})
}

// history runs /history: the target's personal photos, newest first.
func (r *runner) history(ctx context.Context, c call) outcome {
	t := c.cmd.Targets[0]
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	rec, found, err := r.records.Photo(peer.ID)
	if err != nil {
		return failed(explain(t.Label(), err))
	}
	if !found || (rec.Current == nil && len(rec.History) == 0) {
		return failed("no personal photos recorded for " + t.Label() + "; " + r.prefix + "setphoto " + t.Label() + " sets one")
	}
	out := outcome{header: historyHeader + t.Label() + ", newest first"}
	out.add(true, "• now: "+describeNow(rec, r.zone))
	for i, e := range rec.History {
		out.add(true, fmt.Sprintf("• %d: %s", i+1, describeEntry(e, r.zone)))
	}
	return out
}

// describeNow is the first line of /history: what is set now, and what
// another app changed since.
func describeNow(rec storage.PhotoRecord, z zone) string {
	note := elsewhereNote(rec, z)
	switch {
	case rec.Current != nil && note != "":
		return describeEntry(*rec.Current, z) + "; " + note
	case rec.Current != nil:
		return describeEntry(*rec.Current, z)
	case rec.Elsewhere == storage.ElsewhereSet || rec.Elsewhere == storage.ElsewhereDeleted:
		return "not by Persona: " + note
	case note != "":
		return "none (" + note + ")"
	}
	return "none (reset " + z.at(rec.ResetAt) + ")"
}
