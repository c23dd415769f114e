package handlers

import (
	"context"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
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
	a := r.newStatusMessage(ctx, msg.ID)
	defer a.stop() // also when the command panics: the progress loop ends with it
	w.begin(msg.ID, a)
	defer w.end(msg.ID)
	var text string
	if err := w.parkable(ctx, msg.ID, func(ctx context.Context) { text = r.runCommand(ctx, call{msg: msg, cmd: j.cmd, status: a}, j) }); err != nil {
		a.flush(ctx) // the ⏳ notice of a long flood wait
		return err
	}
	replyID, err := a.final(ctx, text)
	if rpc, ok := tgerr.As(err); ok && rpc.Code == 400 {
		// Telegram refused this text (too long, bad entities…): retrying it
		// would never end, so say so in a reply that cannot be refused.
		r.noteError(err)
		text = "❌ the answer could not be sent (" + rpc.Message + "); the details are in the log"
		replyID, err = a.final(ctx, text)
	}
	if err != nil {
		return errors.Wrap(err, "reply")
	}
	summary, _, _ := strings.Cut(text, "\n")
	r.lg.Info("Command", zap.Int("msg_id", msg.ID), zap.String("command", commandWord(msg.Message)),
		zap.Strings("targets", targetLabels(j)), zap.String("outcome", hidePhones(summary)), zap.Duration("took_ms", r.now().Sub(start)))
	return r.journal.Finish(msg.ID, replyID, summary, r.now())
}

// runCommand runs the job's command and returns its answer, turning a
// panic into a reply so one bad command never stops the daemon.
func (r *runner) runCommand(ctx context.Context, c call, j job) (text string) {
	defer func() {
		if p := recover(); p != nil {
			r.lg.Error("Command panicked", zap.Int("msg_id", c.msg.ID), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			r.noteError(fmt.Errorf("panic in command %d", c.msg.ID))
			text = "❌ internal error; the details are in the log"
		}
	}()
	if j.bad != nil {
		return "❌ " + j.bad.Error()
	}
	return j.h.run(r, ctx, c).String()
}

// phoneNumber is a phone number as a target label shows it.
var phoneNumber = regexp.MustCompile(`\+\d{5,15}`)

// hidePhones keeps phone numbers out of the log; the chat may show them.
func hidePhones(s string) string { return phoneNumber.ReplaceAllString(s, "+phone") }

// targetLabels names the command's targets for the log (none when it does
// not parse: the outcome says why).
func targetLabels(j job) []string {
	if j.bad != nil {
		return nil
	}
	out := make([]string, len(j.cmd.Targets))
	for i, t := range j.cmd.Targets {
		out[i] = t.Label()
		if t.Kind == command.Phone { // phone numbers never reach the log
			out[i] = "+phone"
		}
	}
	return out
}

func commandWord(text string) string {
	w, _, _ := strings.Cut(text, " ")
	if len(w) > 32 {
		w = w[:32]
	}
	return w
}

// fetchMessage gets message id of Saved Messages; found is false when it
// was deleted.
func (r *runner) fetchMessage(ctx context.Context, id int) (*tg.Message, bool, error) {
	res, err := r.api.MessagesGetMessages(ctx, []tg.InputMessageClass{&tg.InputMessageID{ID: id}})
	if err != nil {
		return nil, false, errors.Wrapf(err, "get message %d", id)
	}
	msg, found := messageWithID(r.messagesOf(res), id)
	return msg, found, nil
}

// messagesOf is the messages of an answer to getMessages or getHistory,
// remembering the channels it names.
func (r *runner) messagesOf(res tg.MessagesMessagesClass) []tg.MessageClass {
	msgs, chats := messagesIn(res)
	r.channels.note(chats)
	return msgs
}

// messagesIn is the messages and chats of an answer to getMessages or
// getHistory (none for messagesNotModified).
func messagesIn(res tg.MessagesMessagesClass) ([]tg.MessageClass, []tg.ChatClass) {
	msgs, ok := res.(interface {
		GetMessages() []tg.MessageClass
		GetChats() []tg.ChatClass
	})
	if !ok {
		return nil, nil
	}
	return msgs.GetMessages(), msgs.GetChats()
}

// messageWithID finds message id among msgs.
func messageWithID(msgs []tg.MessageClass, id int) (*tg.Message, bool) {
	for _, m := range msgs {
		if msg, ok := m.(*tg.Message); ok && msg.ID == id {
			return msg, true
		}
	}
	return nil, false
}
