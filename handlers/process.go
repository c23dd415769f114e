package handlers

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tgerr"

	"persona/internal/panics"
)

// process runs one command and replies. An error means no reply was sent
// and the command stays pending.
func (w *worker) process(ctx context.Context, j job) error {
	r := w.run
	start := r.now()
	msg := j.msg
	if msg == nil {
		m, found, err := r.fetchMessage(ctx, j.msgID)
		if err != nil {
			return err
		}
		if !found {
			r.lg.Info("Command deleted before it ran", zap.Int("msg_id", j.msgID))
			return r.journal.Finish(j.msgID, 0, "deleted", r.now())
		}
		msg = m
	}
	status := r.newStatusMessage(ctx, msg.ID)
	status.file = fileNaming{command: j.cmd.Name, at: start}
	defer status.stop() // also when the command panics: the progress loop ends with it
	w.begin(msg.ID, status)
	defer w.end(msg.ID)
	var text string
	var yield bool
	if err := w.parkable(ctx, msg.ID, func(ctx context.Context) {
		text, yield = r.runCommand(ctx, call{msg: msg, cmd: j.cmd, status: status}, j)
	}); err != nil || yield {
		status.flush(ctx) // the ⏳ notice of a long flood wait, or a bulk job's progress
		return cmp.Or(err, errYield)
	}
	replyID, err := status.final(ctx, text)
	if rpc, ok := tgerr.As(err); ok && rpc.Code == 400 {
		// Telegram refused this text (too long, bad entities…): retrying it
		// would never end, so say so in a reply that cannot be refused.
		r.noteError(err)
		text = "❌ the answer could not be sent (" + rpc.Message + "); the details are in the log"
		replyID, err = status.final(ctx, text)
	}
	if err != nil {
		return errors.Wrap(err, "reply")
	}
	summary, _, _ := strings.Cut(text, "\n")
	r.logCommand(msg, j, summary, r.now().Sub(start))
	return r.journal.Finish(msg.ID, replyID, summary, r.now())
}

// runCommand runs the job's command and returns its answer, turning a
// panic into a reply so one bad command never stops the daemon.
func (r *runner) runCommand(ctx context.Context, c call, j job) (text string, yield bool) {
	lg := r.lg.With(zap.Int("msg_id", c.msg.ID))
	err := panics.Guard(lg, "the command's run", func() error {
		out := r.answerOf(ctx, c, j)
		text, yield = out.String(), out.yield
		return nil
	})
	if err != nil {
		r.noteError(fmt.Errorf("panic in command %d", c.msg.ID))
		return "❌ " + internalError, false
	}
	return text, yield
}

// errYield is a bulk job giving way to other commands: it is queued again
// behind them, not retried (bulk.go).
var errYield = errors.New("a bulk job gave way")

// answerOf is the command's answer, or what is wrong with its text.
func (r *runner) answerOf(ctx context.Context, c call, j job) outcome {
	if j.bad != nil {
		return failed(j.bad.Error())
	}
	return j.h.run(r, ctx, c)
}
