package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
)

// work runs queued commands and due timers one at a time until ctx ends:
// one worker, so a timer and a command for the same contact never race.
func (r *Router) work(ctx context.Context) {
	for {
		r.busySince.Store(time.Now().UnixNano())
		r.catchUpIfWanted(ctx)
		r.syncDaily(ctx)
		r.fireDueTimers(ctx)
		j, ok := r.queue.pop(r.now(), r.allowed())
		if !ok {
			r.busySince.Store(0)
			select {
			case <-ctx.Done():
				return
			case <-r.queue.signal:
			case <-r.timerWake:
			case <-r.nextTimer():
			case <-r.heldTimer():
			case <-r.retryTimer():
			}
			continue
		}
		// run recovers a command's own panics; survive catches the rest
		// (fetching a resumed command, the reply), which are retried below.
		err := r.survive("command", func() error { return r.process(ctx, j) })
		var p *parked
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return // shutting down: the journal resumes it next start
		case errors.As(err, &p):
			r.held = p.until
			r.lg.Warn("Command held for Telegram's flood wait", zap.Int("msg_id", j.msgID), zap.Time("until", p.until))
			r.queue.push(j)
		default:
			r.noteError(err)
			r.retryLater(ctx, j, err)
		}
	}
}

// wedged is how long one command may run before the daemon counts as stuck
// (systemd's watchdog then restarts it): far above any real upload, and
// flood waits park the command instead of blocking.
const wedged = 15 * time.Minute // the default of Options.Wedged

// Healthy reports that the worker is idle, waiting for work, or busy with
// a step (a command, the timers, the check of the records) that is not
// stuck: a worker that makes no progress is unhealthy.
func (r *Router) Healthy() bool {
	since := r.busySince.Load()
	return since == 0 || time.Since(time.Unix(0, since)) < r.opts.Wedged
}

// parked is why work stopped: Telegram asked for a long flood wait. The
// work is held, in order, until then; read-only commands still run.
type parked struct{ until time.Time }

func (p *parked) Error() string { return "held until " + p.until.Format(timeFormat) }

// allowed picks what may run now: anything, or while a long flood wait
// holds the queue only commands that change nothing, so that order per
// contact is kept (a held /setphoto @a is never overtaken by /reset @a).
func (r *Router) allowed() func(job) bool {
	if !r.now().Before(r.held) {
		return nil
	}
	return func(j job) bool { return len(j.keys) == 0 }
}

// readOnly commands only read the records and Telegram, never change them.
var readOnly = map[string]bool{"list": true, "help": true, "status": true, "history": true}

func (r *Router) heldTimer() <-chan time.Time {
	if d := r.held.Sub(r.now()); d > 0 {
		return time.After(d)
	}
	return nil
}

// runParkable runs f with a context that a long flood wait cancels with a
// *parked cause, and returns that cause if it did.
func (r *Router) runParkable(ctx context.Context, f func(ctx context.Context)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	r.park.Store(&cancel)
	defer r.park.Store(nil)
	f(ctx)
	var p *parked
	if errors.As(context.Cause(ctx), &p) {
		return p
	}
	return ctx.Err()
}

// process runs one command and replies. An error means no reply was sent
// and the command stays pending.
func (r *Router) process(ctx context.Context, j job) error {
	start := r.now()
	msg := j.msg
	if msg == nil {
		m, found, err := r.fetchMessage(ctx, j.msgID)
		if err != nil {
			return err
		}
		if !found {
			r.lg.Info("Command deleted before it ran", zap.Int("msg_id", j.msgID))
			return r.db.Finish(j.msgID, 0, "deleted", r.now())
		}
		msg = m
	}
	a := r.newAnswer(ctx, msg.ID)
	r.current.Store(a)
	defer r.current.Store(nil)
	var text string
	if err := r.runParkable(ctx, func(ctx context.Context) { text = r.run(ctx, msg) }); err != nil {
		a.flush(ctx) // the ⏳ notice of a long flood wait
		a.stop()
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
	outcome, _, _ := strings.Cut(text, "\n")
	r.lg.Info("Command", zap.Int("msg_id", msg.ID), zap.String("command", commandWord(msg.Message)),
		zap.Strings("targets", r.targetLabels(msg.Message)), zap.String("outcome", hidePhones(outcome)), zap.Duration("took", r.now().Sub(start)))
	return r.db.Finish(msg.ID, replyID, outcome, r.now())
}

// run parses and executes the command, turning a panic into a reply so one
// bad command never stops the daemon.
func (r *Router) run(ctx context.Context, msg *tg.Message) (text string) {
	defer func() {
		if p := recover(); p != nil {
			r.lg.Error("Command panicked", zap.Int("msg_id", msg.ID), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			r.noteError(fmt.Errorf("panic in command %d", msg.ID))
			text = "❌ internal error; the details are in the log"
		}
	}()
	cmd, ok, err := command.Parse(msg.Message, r.opts.Prefix)
	if !ok {
		return "❌ not a command"
	}
	if err != nil {
		return "❌ " + err.Error()
	}
	return r.execute(ctx, msg, cmd).String()
}

func (r *Router) execute(ctx context.Context, msg *tg.Message, cmd command.Command) reply {
	switch cmd.Name {
	case "setphoto":
		return r.setPhoto(ctx, msg, cmd, false)
	case "suggest":
		return r.setPhoto(ctx, msg, cmd, true)
	case "reset":
		return r.reset(ctx, msg.ID, cmd)
	case "undo":
		return r.undo(ctx, msg.ID, cmd)
	case "hide":
		return r.hide(ctx, msg.ID, cmd)
	case "keep":
		return r.keep(ctx, msg.ID, cmd)
	case "history":
		return r.history(ctx, cmd)
	case "list":
		return r.list(ctx)
	case "help":
		return r.help(cmd)
	case "status":
		return r.status()
	}
	return failed("unknown command " + r.opts.Prefix + cmd.Name)
}

// replyRandomID derives the reply's random_id from the command, so a reply
// sent again after a crash or a resent RPC is de-duplicated by Telegram.
// Part 0 is the reply itself; further parts of a long reply have their own.
func replyRandomID(self int64, msgID int, part ...int) int64 {
	seed := fmt.Appendf(nil, "persona reply %d %d", self, msgID)
	if len(part) > 0 && part[0] > 0 {
		seed = fmt.Appendf(seed, " part %d", part[0])
	}
	return randomID(seed)
}

// randomID makes a random_id from a seed: the same seed, the same id.
func randomID(seed []byte) int64 {
	sum := sha256.Sum256(seed)
	return int64(binary.LittleEndian.Uint64(sum[:8]) &^ (1 << 63))
}

// reply sends text, which must fit one message, as the reply to the
// command and returns its message id.
func (r *Router) reply(ctx context.Context, msgID int, text string) (int, error) {
	return r.sendPart(ctx, msgID, 0, text)
}

// sendPart sends part i of the command's answer: part 0 replies to the
// command, the others follow it.
func (r *Router) sendPart(ctx context.Context, msgID, i int, text string) (int, error) {
	api, self, _ := r.client()
	req := &tg.MessagesSendMessageRequest{
		Peer:      &tg.InputPeerSelf{},
		Message:   text,
		RandomID:  replyRandomID(self.ID, msgID, i),
		NoWebpage: true,
	}
	if i == 0 {
		req.ReplyTo = &tg.InputReplyToMessage{ReplyToMsgID: msgID}
	}
	res, err := api.MessagesSendMessage(ctx, req)
	if tgerr.Is(err, "RANDOM_ID_DUPLICATE") {
		// The first send arrived (DESIGN.md, pitfall 19): success. Its id
		// matters only for the reply itself, which a progress edit needs.
		if i > 0 {
			return 0, nil
		}
		return r.findReply(ctx, msgID)
	}
	if err != nil {
		return 0, err
	}
	return sentID(res), nil
}

// sendRest sends the parts of a long answer after the first, in order,
// and records them as ours.
func (r *Router) sendRest(ctx context.Context, msgID int, rest []string) error {
	for i, text := range rest {
		id, err := r.sendPart(ctx, msgID, i+1, text)
		if err != nil {
			return errors.Wrapf(err, "part %d of the answer", i+2)
		}
		if err := r.db.AddReplyParts(msgID, id); err != nil {
			return err
		}
	}
	return nil
}

// sentID finds our message's id in the answer to sendMessage.
func sentID(u tg.UpdatesClass) int {
	switch u := u.(type) {
	case *tg.UpdateShortSentMessage:
		return u.ID
	case *tg.Updates:
		for _, up := range u.Updates {
			if m, ok := up.(*tg.UpdateMessageID); ok {
				return m.ID
			}
		}
	}
	return 0
}

// findReply looks for our reply to command msgID among the latest Saved
// Messages; 0 when it is not there (then nothing needs it).
func (r *Router) findReply(ctx context.Context, msgID int) (int, error) {
	api, _, _ := r.client()
	res, err := api.MessagesGetHistory(ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, OffsetID: 0, Limit: 100})
	if err != nil {
		return 0, errors.Wrap(err, "find the reply sent before")
	}
	for _, m := range r.messagesOf(res) {
		msg, ok := m.(*tg.Message)
		if !ok || !msg.Out || msg.ID <= msgID {
			continue
		}
		if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && h.ReplyToMsgID == msgID {
			return msg.ID, nil
		}
	}
	return 0, nil
}

func (r *Router) fetchMessage(ctx context.Context, id int) (*tg.Message, bool, error) {
	api, _, _ := r.client()
	res, err := api.MessagesGetMessages(ctx, []tg.InputMessageClass{&tg.InputMessageID{ID: id}})
	if err != nil {
		return nil, false, errors.Wrapf(err, "get message %d", id)
	}
	msg, found := messageWithID(r.messagesOf(res), id)
	return msg, found, nil
}

// messagesOf is the messages of an answer to getMessages or getHistory
// (none for messagesNotModified), remembering the channels it names.
func (r *Router) messagesOf(res tg.MessagesMessagesClass) []tg.MessageClass {
	msgs, ok := res.(interface {
		GetMessages() []tg.MessageClass
		GetChats() []tg.ChatClass
	})
	if !ok {
		return nil
	}
	r.channels.note(msgs.GetChats())
	return msgs.GetMessages()
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

func (r *Router) noteError(err error) {
	r.lastErr.Store(r.now().Format(time.DateTime) + " " + err.Error())
}

// phoneNumber is a phone number as a target label shows it.
var phoneNumber = regexp.MustCompile(`\+\d{5,15}`)

// hidePhones keeps phone numbers out of the log; the chat may show them.
func hidePhones(s string) string { return phoneNumber.ReplaceAllString(s, "+phone") }

// targetLabels names the command's targets for the log (none when it does
// not parse: the outcome says why).
func (r *Router) targetLabels(text string) []string {
	cmd, ok, err := command.Parse(text, r.opts.Prefix)
	if !ok || err != nil {
		return nil
	}
	out := make([]string, len(cmd.Targets))
	for i, t := range cmd.Targets {
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
