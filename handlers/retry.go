package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tgerr"
)

// retryDelays are the waits before each new attempt of a command that
// failed without a reply (Telegram down, a reply it refuses, a bug): quick
// at first for a passing fault, then longer. Past the last one, or an hour
// after the first failure, the command is answered ❌ and closed, so one
// command can never hold the daemon.
var retryDelays = []time.Duration{
	2 * time.Second, 5 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 20 * time.Minute,
}

// giveUpAfter bounds the time from a command's first failure to its ❌.
const giveUpAfter = time.Hour

// retryLater journals a failed attempt and queues the command again after
// a growing delay, or gives up on it after the last attempt.
func (w *worker) retryLater(ctx context.Context, j job, err error) {
	now := w.now()
	reason := plainReason(err)
	e, _, jerr := w.run.journal.Entry(j.msgID)
	if jerr == nil {
		delay := retryDelays[min(e.Attempts, len(retryDelays)-1)]
		e, jerr = w.run.journal.Retry(j.msgID, reason, now, now.Add(delay))
	}
	if jerr != nil {
		// Without the journal there is no count to keep; retry slowly.
		w.lg.Error("Journal a failed command", zap.Int("msg_id", j.msgID), zap.Error(jerr))
		e.Attempts, e.NextTry = 1, now.Add(retryDelays[len(retryDelays)-1])
	}
	if e.Attempts > len(retryDelays) || (!e.FailingSince.IsZero() && now.Sub(e.FailingSince) >= giveUpAfter) {
		w.giveUp(ctx, j, e.Attempts, now.Sub(e.FailingSince), reason)
		return
	}
	w.lg.Warn("Command failed; will retry", zap.Int("msg_id", j.msgID), zap.Int("attempt", e.Attempts),
		zap.Time("next_try", e.NextTry), zap.Error(err))
	// The peer cache may know the targets by now: one contact, one key.
	j.due = e.NextTry
	w.router.push(j)
}

// giveUp answers a command that failed every attempt with ❌ and the
// reason, and closes it in the journal. When even that reply cannot be
// sent, the log says so and the command is closed all the same.
func (w *worker) giveUp(ctx context.Context, j job, attempts int, over time.Duration, reason string) {
	text := fmt.Sprintf("❌ gave up after %d attempts over %s: %s", attempts, roughDuration(over), reason)
	var replyID int
	err := survive(w.lg, "answer of a failed command", func() error {
		a := w.run.newStatusMessage(ctx, j.msgID)
		defer a.stop()
		var err error
		replyID, err = a.final(ctx, text)
		return err
	})
	if err != nil {
		w.lg.Error("Command abandoned; its answer could not be sent either", zap.Int("msg_id", j.msgID),
			zap.String("reason", reason), zap.Error(err))
		text = "❌ abandoned: " + reason
	} else {
		w.lg.Error("Command abandoned after its last attempt", zap.Int("msg_id", j.msgID), zap.Int("attempts", attempts),
			zap.String("reason", reason))
	}
	if err := w.run.journal.Finish(j.msgID, replyID, text, w.now()); err != nil {
		w.lg.Error("Close an abandoned command", zap.Int("msg_id", j.msgID), zap.Error(err))
	}
}

// plainReason says why an attempt failed in a few words for the chat: no
// wrap chains, no stacks.
func plainReason(err error) string {
	if rpc, ok := tgerr.As(err); ok {
		return "Telegram answered " + rpc.Message
	}
	if panicked(err) {
		return internalError
	}
	var last error = err
	for u := errors.Unwrap(last); u != nil; u = errors.Unwrap(last) {
		last = u
	}
	return last.Error()
}
