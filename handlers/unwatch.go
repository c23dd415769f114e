package handlers

import (
	"context"
	"time"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "unwatch",
			Usage:   "/unwatch TARGET...|all",
			Summary: "stops watching a contact's profile photo and deletes the copies kept of it",
			Example: "/unwatch @alice",
			Notes:   []string{"/unwatch all also ends /watch all: contacts added later are not watched."},
			Targets: command.Many,
			All:     true,
			Examples: []command.Example{
				{Text: "/unwatch @alice", Note: "no more notices about her photo; her copies are deleted"},
				{Text: "/unwatch all", Note: "nobody is watched any more"},
			},
		},
		helpOrder: 6.2,
		changes:   true,
		run:       (*runner).unwatch,
	})
}

// unwatch runs /unwatch: the watch ends and the archive's copies of that
// contact's photos are deleted.
func (r *runner) unwatch(ctx context.Context, c call) outcome {
	if c.cmd.All {
		return r.unwatchAll()
	}
	return r.eachTarget(ctx, c.msg.ID, c.cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.unwatchOne(ctx, t, step)
	})
}

func (r *runner) unwatchOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	var line string
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		w, found, err := r.watches.Watched(peer.ID)
		if err != nil || !found {
			line = label + " was not watched"
			return err
		}
		line = label + ": no longer watched; " + copies(len(w.Copies)) + " of their photos deleted"
		if _, all, _ := r.watches.WatchAll(); all {
			line += "; " + r.prefix + "watch all still stands and watches them again at the next check: " + r.prefix + "unwatch all ends it"
		}
		unused, err := r.watches.RemoveWatch(peer.ID, finished(step, true, line))
		r.removeFiles(unused)
		return err
	})
	if err != nil {
		return false, explain(label, err)
	}
	return true, line
}

// unwatchAll runs `/unwatch all`: the standing rule ends and every watch
// with it.
func (r *runner) unwatchAll() outcome {
	if err := r.watches.SetWatchAll(time.Time{}); err != nil {
		return failed("could not end /watch all: " + short(err))
	}
	ws, err := r.watches.Watches()
	if err != nil {
		return failed("could not read the watches: " + short(err))
	}
	for _, w := range ws {
		unused, err := r.watches.RemoveWatch(w.UserID)
		if err != nil {
			return failed("could not end the watch of " + w.Label + ": " + short(err))
		}
		r.removeFiles(unused)
	}
	return done("nobody is watched any more: " + plural(len(ws), "contact") + " unwatched and their copies deleted")
}
