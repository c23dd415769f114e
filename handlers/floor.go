package handlers

import (
	"context"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"
)

// The catch-up floor is the newest Saved Messages id the daemon has seen.
// After updates.differenceTooLong the daemon reads the history back to it
// (docs/ARCHITECTURE.md, "differenceTooLong loses the updates in between").
// It exists from the first start, before any command is journalled, so the commands written while a new daemon was
// down are not lost with the updates Telegram skipped.

// recordFirstFloor sets the floor on the first start: the newest message in
// Saved Messages now. Older messages were written before the daemon ran and
// are never commands for it; newer ones reach it as updates or, when
// Telegram skips them, by the catch-up. It runs on the worker, at its first
// upkeep, so a slow Telegram never holds up the start; a message seen
// before raises the floor itself. A failure is only logged: the next
// upkeep or the first message seen sets the floor then.
func (w *worker) recordFirstFloor(ctx context.Context) {
	if _, found, err := w.run.journal.Floor(); err != nil || found {
		return // a database that fails here fails the catch-up loudly
	}
	var newest int
	err := survive(w.lg, "catch-up floor", func() (err error) {
		newest, err = newestSaved(ctx, w.run)
		return err
	})
	if err != nil {
		w.lg.Warn("Read the newest Saved Messages id for the catch-up floor", zap.Error(err))
		return
	}
	if err := w.run.journal.RaiseFloor(newest); err != nil {
		w.lg.Warn("Record the catch-up floor", zap.Error(err))
		return
	}
	w.lg.Info("Catch-up floor recorded", zap.Int("msg_id", newest))
}

// newestSaved is the id of the newest message in Saved Messages, 0 when
// there is none.
func newestSaved(ctx context.Context, run *runner) (int, error) {
	res, err := run.api.MessagesGetHistory(ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, Limit: 1})
	if err != nil {
		return 0, errors.Wrap(err, "get history")
	}
	newest := 0
	for _, m := range run.messagesOf(res) {
		newest = max(newest, m.GetID())
	}
	return newest, nil
}

// raiseFloor moves the floor up to a message that reached the daemon in
// Saved Messages. Updates come in order, gaps recovered, so every message
// below it came too, except the ones a differenceTooLong skipped: the
// catch-up keeps the floor of that moment (storage.DB.SetCatchUp).
func (r *Router) raiseFloor(self int64, m *tg.Message) {
	if peer, ok := m.PeerID.(*tg.PeerUser); !ok || peer.UserID != self {
		return
	}
	if err := r.journal.RaiseFloor(m.ID); err != nil {
		r.lg.Warn("Raise the catch-up floor", zap.Int("msg_id", m.ID), zap.Error(err))
	}
}
