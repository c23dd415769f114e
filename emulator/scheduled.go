package emulator

import (
	"context"
	"sort"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// Scheduled messages (core.telegram.org/api/scheduled-messages): a message
// sent with schedule_date waits in the chat's schedule queue, under an id of
// the queue's own, and the sender's sessions learn of it by
// updateNewScheduledMessage, which is no new message and has no pts. In
// Saved Messages it is a reminder. When its date comes, Telegram takes it
// off the queue (updateDeleteScheduledMessages, whose sent_messages names
// the new message) and sends it: a new message with a new id and
// from_scheduled, as any new message, in the pts log and so in
// updates.getDifference. TDLib reads both flags the same way
// (MessagesManager.cpp: message_info.is_from_scheduled = message->from_scheduled_;
// UpdatesManager.cpp: on_update for updateNewScheduledMessage and
// updateDeleteScheduledMessages).

// errScheduleTooLate: a date more than a year ahead (core.telegram.org/
// method/messages.sendMessage, errors).
var errScheduleTooLate = tgerr.New(400, "SCHEDULE_DATE_TOO_LATE")

// scheduleAhead is how far ahead Telegram accepts a schedule_date.
const scheduleAhead = 366 * 24 * time.Hour

// queued is a message waiting in its sender's schedule queue.
type queued struct {
	msg   *tg.Message // as the queue shows it: the queue's id, the schedule date
	to    int64       // the chat it goes to
	text  Message
	media tg.MessageMediaClass
}

// schedule is one account's schedule queue. Guarded by Emulator.mu.
type schedule struct {
	lastID int
	queue  map[int]*queued
}

func (w *world) schedule(userID int64) *schedule {
	if w.schedules == nil {
		w.schedules = map[int64]*schedule{}
	}
	s := w.schedules[userID]
	if s == nil {
		s = &schedule{queue: map[int]*queued{}}
		w.schedules[userID] = s
	}
	return s
}

// enqueue puts m, from owner to peer at date, on owner's queue and returns
// the update that tells owner's sessions.
func (w *world) enqueue(owner, to int64, date int, m Message, media tg.MessageMediaClass) *tg.UpdateNewScheduledMessage {
	s := w.schedule(owner)
	s.lastID++
	msg := buildMessage(s.lastID, date, owner, to, owner, true, m, media)
	msg.FromScheduled = true
	msg.SetFlags()
	s.queue[s.lastID] = &queued{msg: msg, to: to, text: m, media: media}
	return &tg.UpdateNewScheduledMessage{Message: msg}
}

// Schedule puts m on the account's schedule queue for Saved Messages, to be
// sent at at: a reminder set in another app. It returns the queue's id.
func (e *Emulator) Schedule(account int64, m Message, at time.Time) (int, error) {
	e.mu.Lock()
	w := e.world
	if w.users[account] == nil {
		e.mu.Unlock()
		return 0, errors.Errorf("no user %d", account)
	}
	media, err := w.messageMedia(e.now(), w.users[account].dc, m.Media)
	if err != nil {
		e.mu.Unlock()
		return 0, err
	}
	u := w.enqueue(account, account, int(at.Unix()), m, media)
	p := w.pushUpdate(account, u, u.Message, int(e.now().Unix()), 0)
	e.mu.Unlock()
	e.deliver([]push{p})
	return u.Message.GetID(), nil
}

// SendScheduled sends every scheduled message whose date is at or before
// at, oldest first, as Telegram does when their time comes; it returns the
// new messages' ids. Tests call it to make reminders fire.
func (e *Emulator) SendScheduled(at time.Time) []int {
	e.mu.Lock()
	var (
		pushes []push
		sent   []int
	)
	owners := make([]int64, 0, len(e.world.schedules))
	for owner := range e.world.schedules {
		owners = append(owners, owner)
	}
	sort.Slice(owners, func(i, j int) bool { return owners[i] < owners[j] })
	for _, owner := range owners {
		p, ids := e.world.sendDue(owner, int(at.Unix()))
		pushes = append(pushes, p...)
		sent = append(sent, ids...)
	}
	e.mu.Unlock()
	e.deliver(pushes)
	return sent
}

// sendScheduledEvery sends what is due by the emulator's clock, as
// Telegram does on its own, every tick until ctx ends: a standalone
// emulator's reminders fire without a test's SendScheduled.
func (e *Emulator) sendScheduledEvery(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			e.SendScheduled(e.now())
		}
	}
}

// sendDue sends owner's scheduled messages due by date.
func (w *world) sendDue(owner int64, date int) ([]push, []int) {
	s := w.schedule(owner)
	var due []int
	for id, q := range s.queue {
		if q.msg.Date <= date {
			due = append(due, id)
		}
	}
	sort.Ints(due)
	var (
		pushes []push
		sent   []int
	)
	for _, id := range due {
		q := s.queue[id]
		delete(s.queue, id)
		ps, newID := w.sendQueued(owner, q)
		pushes = append(pushes, ps...)
		sent = append(sent, newID)
	}
	return pushes, sent
}

// sendQueued sends one scheduled message: off the queue, into the chat.
func (w *world) sendQueued(owner int64, q *queued) ([]push, int) {
	date := q.msg.Date
	msg, u := w.box(owner).appendMessage(func(id int) tg.MessageClass {
		m := buildMessage(id, date, owner, q.to, owner, true, q.text, q.media)
		m.FromScheduled = true
		m.SetFlags()
		return m
	})
	gone := &tg.UpdateDeleteScheduledMessages{
		Peer:         &tg.PeerUser{UserID: q.to},
		Messages:     []int{q.msg.ID},
		SentMessages: []int{msg.GetID()},
	}
	gone.SetFlags()
	p := w.pushUpdate(owner, u, msg, date, 0)
	p.updates.(*tg.Updates).Updates = []tg.UpdateClass{gone, u}
	pushes := []push{p}
	if q.to != owner {
		in := q.text
		in.ReplyTo = 0
		inMsg, inU := w.box(q.to).appendMessage(func(id int) tg.MessageClass {
			m := buildMessage(id, date, q.to, owner, owner, false, in, q.media)
			m.FromScheduled = true
			m.SetFlags()
			return m
		})
		pushes = append(pushes, w.pushUpdate(q.to, inU, inMsg, date, 0))
	}
	return pushes, msg.GetID()
}

// scheduleSend answers a sendMessage or sendMedia with schedule_date: the
// message goes on the caller's queue, and the answer carries its queue id
// and updateNewScheduledMessage.
func (c *call) scheduleSend(peer tg.InputPeerClass, randomID int64, at int, m Message, media tg.MessageMediaClass) (bin.Encoder, error) {
	to, err := c.inputPeerUser(peer)
	if err != nil {
		return nil, err
	}
	now := c.e.now()
	if time.Unix(int64(at), 0).After(now.Add(scheduleAhead)) {
		return nil, errScheduleTooLate
	}
	w := c.e.world
	u := w.enqueue(c.userID, to.id, at, m, media)
	c.pushes = append(c.pushes, w.pushUpdate(c.userID, u, u.Message, int(now.Unix()), c.session.ID))
	return &tg.Updates{
		Updates: []tg.UpdateClass{&tg.UpdateMessageID{ID: u.Message.GetID(), RandomID: randomID}, u},
		Users:   w.tgUsers(c.userID, c.userID, to.id),
		Chats:   []tg.ChatClass{},
		Date:    int(now.Unix()),
	}, nil
}

// getScheduledHistory lists the caller's queue for a chat, newest first.
func (c *call) getScheduledHistory(req *tg.MessagesGetScheduledHistoryRequest) (bin.Encoder, error) {
	defer c.lock()()
	peer, err := c.inputPeerUser(req.Peer)
	if err != nil {
		return nil, err
	}
	s := c.e.world.schedule(c.userID)
	msgs := []tg.MessageClass{}
	for _, q := range s.queue {
		if q.to == peer.id {
			msgs = append(msgs, q.msg)
		}
	}
	sort.Slice(msgs, func(i, j int) bool { return msgs[i].GetID() > msgs[j].GetID() })
	return c.messagesResult(msgs), nil
}
