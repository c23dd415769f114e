package handlers

import (
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
	if err := w.parkable(ctx, msg.ID, func(ctx context.Context) { text = r.runCommand(ctx, call{msg: msg, cmd: j.cmd, status: status}, j) }); err != nil {
		status.flush(ctx) // the ⏳ notice of a long flood wait
		return err
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
func (r *runner) runCommand(ctx context.Context, c call, j job) (text string) {
	lg := r.lg.With(zap.Int("msg_id", c.msg.ID))
	err := panics.Guard(lg, "the command's run", func() error {
		text = r.answerOf(ctx, c, j)
		return nil
	})
	if err != nil {
		r.noteError(fmt.Errorf("panic in command %d", c.msg.ID))
		return "❌ " + internalError
	}
	return text
}

// answerOf is the command's answer, or what is wrong with its text.
func (r *runner) answerOf(ctx context.Context, c call, j job) string {
	if j.bad != nil {
		return "❌ " + j.bad.Error()
	}
	return j.h.run(r, ctx, c).String()
}
