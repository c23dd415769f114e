package handlers

import (
	"context"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "watch",
			Usage:   "/watch [TARGET...|all]",
			Summary: "tells you when a contact changes or removes their own profile photo, and keeps the old one",
			Example: "/watch @alice",
			Notes: []string{
				"The notice is a new message here, with their previous photo attached.",
				"Reply /setphoto @alice to the notice to keep that photo as her personal photo.",
				"/watch all also watches contacts added later. /watch alone lists who is watched.",
				"Watching never changes a personal photo. /unwatch stops and deletes the copies.",
			},
			Targets: command.Optional,
			All:     true,
			Examples: []command.Example{
				{Text: "/watch @alice @bob", Note: "a notice when either changes their photo"},
				{Text: "/watch all", Note: "every contact, and contacts added later"},
			},
		},
		helpOrder: 6.1,
		changes:   true,
		run:       (*runner).watch,
	})
}

// watch runs /watch: each target's own profile photo is copied into the
// archive, and a change of it later is told in a notice (notice.go).
func (r *runner) watch(ctx context.Context, c call) outcome {
	switch {
	case c.cmd.All:
		return r.watchAll(ctx)
	case len(c.cmd.Targets) == 0:
		return r.listWatches()
	}
	return r.eachTarget(ctx, c.msg.ID, c.cmd.Targets, func(t command.Target, step storage.Step) (bool, string) {
		return r.watchOne(ctx, t, step)
	})
}

func (r *runner) watchOne(ctx context.Context, t command.Target, step storage.Step) (bool, string) {
	label := t.Label()
	var line string
	err := r.withPeer(ctx, t, func(peer storage.Peer) error {
		if err := r.noPersonalPhoto(peer, label); err != nil {
			return err
		}
		if old, found, err := r.watches.Watched(peer.ID); err != nil || found {
			line = label + ": already watched since " + r.zone.at(old.Since)
			return err
		}
		u, err := r.freshUser(ctx, peer)
		if err != nil {
			return err
		}
		w := storage.Watch{UserID: peer.ID, Label: label, Since: r.now()}
		if w.PhotoID, err = r.ownPhotoID(ctx, peer, u); err != nil {
			return err
		}
		if line, err = r.firstCopy(ctx, peer, u, &w); err != nil {
			return err
		}
		return r.watches.AddWatch(w, finished(step, true, line))
	})
	if err != nil {
		return false, explain(label, err)
	}
	r.watching.noticesDue()
	return true, line
}

// firstCopy archives the photo w starts from, before the watch is
// recorded: a disk that cannot keep it leaves no watch behind. It returns
// the target's line.
func (r *runner) firstCopy(ctx context.Context, peer storage.Peer, u *tg.User, w *storage.Watch) (string, error) {
	label := w.Label
	if w.PhotoID == 0 {
		if !u.Contact {
			return "", usererr.New(label + " is not in your contacts, and Telegram shows you no profile photo of theirs " +
				"(they have none, or their privacy settings hide it from you): there is nothing to watch")
		}
		return label + ": watched; they have no profile photo you can see yet; the first one will be told", nil
	}
	p, err := r.currentOwnPhoto(ctx, peer)
	if err != nil {
		return "", err
	}
	if p == nil || p.ID != w.PhotoID {
		return label + ": watched; " + notVisible + ", so no copy of it is kept", nil
	}
	c, err := r.archivePhoto(ctx, *w, p)
	if err != nil {
		return "", err
	}
	w.Copies = []storage.Copy{c}
	return label + ": watched; a copy of their " + ownKind(p) + " of " + r.zone.at(c.Date) + " is kept", nil
}
