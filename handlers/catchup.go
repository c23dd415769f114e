package handlers

import (
	"context"
	"slices"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"
)

// historyPage is how many messages one messages.getHistory asks for: the
// most Telegram returns at once.
const historyPage = 100

// OnTooLong implements session.TooLongNotifier. Telegram answered
// updates.differenceTooLong: the updates since the daemon last ran are gone
// (DESIGN.md, pitfall 14), and with them any command written meanwhile.
// The need is journalled at once, so a restart still catches up, and the
// worker reads the history back before it runs anything else.
func (r *Router) OnTooLong() {
	if err := r.db.SetCatchUp(true); err != nil {
		r.lg.Error("Journal the catch-up", zap.Error(err))
	}
	r.lg.Warn("Telegram skipped the updates since the last run; reading Saved Messages back for commands")
	r.catchUpWanted.Store(true)
	r.queue.wake()
}

// catchUpIfWanted runs the catch-up a differenceTooLong asked for, now or
// in a run before this one.
func (r *Router) catchUpIfWanted(ctx context.Context) {
	pending, err := r.db.CatchUpPending()
	if err != nil || !(pending || r.catchUpWanted.Load()) {
		return
	}
	r.catchUpWanted.Store(false)
	err = r.survive("catch-up", func() error { return r.catchUp(ctx) })
	if err != nil {
		r.catchUpWanted.Store(true) // journalled still: tried again on the next round or start
		r.lg.Warn("Catch-up failed; will retry", zap.Error(err))
		return
	}
	if err := r.db.SetCatchUp(false); err != nil {
		r.lg.Error("Journal the end of the catch-up", zap.Error(err))
	}
}

// catchUp reads Saved Messages back, newest first, page by page, down to
// the last command journalled, and queues every command among them that
// the journal does not know, to run oldest first like any other.
func (r *Router) catchUp(ctx context.Context) error {
	high, err := r.db.HighWater()
	if err != nil {
		return err
	}
	if high == 0 {
		r.lg.Info("No command journalled yet: nothing to catch up from")
		return nil
	}
	found, err := r.commandsAfter(ctx, high)
	if err != nil {
		return err
	}
	slices.SortFunc(found, func(a, b *tg.Message) int { return a.ID - b.ID })
	queued := 0
	for _, msg := range found {
		fresh, err := r.enqueue(msg)
		if err != nil {
			return err
		}
		if fresh {
			queued++
		}
	}
	r.lg.Info("Caught up from the history", zap.Int("after_msg_id", high), zap.Int("commands", queued))
	return nil
}

// commandsAfter returns the commands in Saved Messages newer than id.
func (r *Router) commandsAfter(ctx context.Context, id int) ([]*tg.Message, error) {
	api, _, _ := r.client()
	var out []*tg.Message
	for offset := 0; ; {
		before := offset
		res, err := api.MessagesGetHistory(ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, OffsetID: offset, Limit: historyPage})
		if err != nil {
			return nil, errors.Wrap(err, "read Saved Messages back")
		}
		msgs := r.messagesOf(res)
		if len(msgs) == 0 {
			return out, nil
		}
		for _, m := range msgs {
			msg, ok := m.(*tg.Message)
			if !ok {
				continue
			}
			if msg.ID <= id {
				return out, nil
			}
			if r.isCommand(msg) {
				out = append(out, msg)
			}
			if offset == 0 || msg.ID < offset {
				offset = msg.ID
			}
		}
		if offset == before {
			return out, nil // no older page
		}
	}
}
