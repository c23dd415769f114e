package handlers

import (
	"context"
	"slices"
	"sync"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// A command's reply deleted in another app (docs/ARCHITECTURE.md, "A deleted
// message is gone for good"): the command forgets the message, in the journal so a restart does too, and
// its answer comes as a new message, replying to the command. Telegram says
// so in updateDeleteMessages, which may come before the reply's id is
// journalled; an edit of the deleted message answers 400
// MESSAGE_ID_INVALID. Any of the three tells the command, and none of them
// ever runs it again.

// OnDeleteMessages implements session.DeleteNotifier. A finished
// command's deleted reply changes nothing.
func (r *Router) OnDeleteMessages(_ context.Context, _ tg.Entities, u *tg.UpdateDeleteMessages) error {
	r.deletions.add(u.Messages)
	cmds, err := r.journal.RepliesDeleted(u.Messages...)
	if err != nil {
		// The refused edit of the message tells the command instead.
		r.lg.Error("Journal deleted replies", zap.Error(err))
		return nil
	}
	w := r.worker.Load()
	for _, id := range cmds {
		r.lg.Info(givenUp, zap.Int("msg_id", id), zap.String("why", deletedByOwner))
		if w != nil {
			w.replyDeleted(id)
		}
	}
	return nil
}

// givenUp is what the log says when a command's reply message is given up.
const givenUp = "Reply given up; the answer will come as a new message"

// deletions remembers the message ids deleted lately, for a reply whose
// id is journalled only after its deletion arrived.
type deletions struct {
	mu  sync.Mutex
	ids []int // the latest, oldest first
}

// deletionsKept bounds deletions: a reply is journalled right after it is
// sent, so only the last few deletions can concern it.
const deletionsKept = 256

func (d *deletions) add(ids []int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ids = append(d.ids, ids...)
	if over := len(d.ids) - deletionsKept; over > 0 {
		d.ids = slices.Delete(d.ids, 0, over)
	}
}

func (d *deletions) has(id int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Contains(d.ids, id)
}

// edit makes our message say text. A 400 means Telegram will not edit it
// (MESSAGE_ID_INVALID: deleted; MESSAGE_NOT_MODIFIED is no error here),
// and no retry cures it: the message is given up.
func (m *statusMessage) edit(ctx context.Context, text string, isProgress bool) error {
	err := m.sender.edit(ctx, m.replyID, text)
	if rpc, ok := tgerr.As(err); ok && rpc.Code == 400 {
		return m.renew(ctx, text, isProgress, rpc.Message, rpc.Message != "MESSAGE_ID_INVALID")
	}
	return err
}

// renew forgets our message as the reply, in the journal first, so a
// restart knows: progress stops, and a final text goes out as a new
// message instead. A message Telegram refused to edit but still shows
// (shown) is stale: once the new one is out, it is deleted, so the
// command has one answer.
func (m *statusMessage) renew(ctx context.Context, text string, isProgress bool, why string, shown bool) error {
	e, err := m.sender.journal.RenewReply(m.cmdID, m.replyID)
	if err != nil {
		return err
	}
	m.lg.Info(givenUp, zap.Int("msg_id", m.cmdID), zap.Int("reply_id", m.replyID), zap.String("why", why))
	if shown {
		m.stale = m.replyID
	}
	m.replyID, m.progress, m.renewed = 0, false, e.Renewed
	if isProgress {
		return nil
	}
	return m.sendNew(ctx, text)
}

// deletedByOwner is why a message deleted in another app was given up.
const deletedByOwner = "deleted by the owner"

// dropStale deletes the message given up while Telegram still shows it.
// It only tidies: a failure is logged.
func (m *statusMessage) dropStale(ctx context.Context) {
	if m.stale == 0 {
		return
	}
	if err := m.sender.delete(ctx, m.stale); err != nil {
		m.lg.Warn("Delete the reply given up", zap.Int("msg_id", m.cmdID), zap.Int("reply_id", m.stale), zap.Error(err))
	}
	m.stale = 0
}

// replyDeleted tells a running command's status message that the owner deleted its
// message; the journal knows already.
func (rs *running) replyDeleted(id int) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if a := rs.active[id]; a != nil && a.status != nil {
		a.status.gone.Store(true)
	}
}

// reloadIfGone takes up what the journal says of our message once the
// owner deleted it, so no edit of a message that is gone is tried.
func (m *statusMessage) reloadIfGone() {
	if !m.gone.Swap(false) {
		return
	}
	if e, found, err := m.sender.journal.Entry(m.cmdID); err == nil && found {
		m.replyID, m.progress, m.renewed = e.ReplyID, e.Progress, e.Renewed
	}
}
