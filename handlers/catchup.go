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

// catchUpIfWanted runs the catch-up a differenceTooLong asked for, now or
// in a run before this one.
func (w *worker) catchUpIfWanted(ctx context.Context) {
	if !w.router.catchUpWanted.Swap(false) {
		return
	}
	err := survive(w.lg, "catch-up", func() error { return w.catchUp(ctx) })
	if err != nil {
		w.router.catchUpWanted.Store(true) // journalled still: tried again after a while or on the next start
		w.catchUpRetryAt = w.now().Add(timerRetry)
		w.lg.Warn("Catch-up failed; will retry", zap.Error(err))
		return
	}
	if err := w.run.journal.SetCatchUp(false); err != nil {
		w.lg.Error("Journal the end of the catch-up", zap.Error(err))
	}
}

// catchUp reads Saved Messages back, newest first, page by page, down to
// the floor it had when Telegram skipped the updates (the newest message
// seen then, recorded from the first start on), and queues every command
// among them that the journal does not know, to run oldest first like any
// other.
func (w *worker) catchUp(ctx context.Context) error {
	from, found, err := w.run.journal.CatchUpFrom()
	if err != nil {
		return err
	}
	if !found {
		w.lg.Warn("No catch-up floor recorded: nothing to catch up from")
		return nil
	}
	commands, err := w.commandsAfter(ctx, from)
	if err != nil {
		return err
	}
	slices.SortFunc(commands, func(a, b job) int { return a.msgID - b.msgID })
	queued := 0
	for _, j := range commands {
		fresh, err := w.router.enqueue(j)
		if err != nil {
			return err
		}
		if fresh {
			queued++
		}
	}
	w.lg.Info("Caught up from the history", zap.Int("after_msg_id", from), zap.Int("commands", queued))
	return nil
}

// commandsAfter returns the commands in Saved Messages newer than id.
func (w *worker) commandsAfter(ctx context.Context, id int) ([]job, error) {
	var out []job
	for offset := 0; ; {
		before := offset
		res, err := w.run.api.MessagesGetHistory(ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, OffsetID: offset, Limit: historyPage})
		if err != nil {
			return nil, errors.Wrap(err, "read Saved Messages back")
		}
		msgs := w.run.messagesOf(res)
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
			if j, ok := w.router.isCommand(msg); ok {
				out = append(out, j)
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
