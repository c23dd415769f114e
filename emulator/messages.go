package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

func (e *Emulator) registerMessages(m map[uint32]method) {
	register(m, false, (*call).sendMessage)
	register(m, false, (*call).sendMedia)
	register(m, false, (*call).editMessage)
	register(m, false, (*call).getMessages)
	register(m, false, (*call).getHistory)
	register(m, false, (*call).getScheduledHistory)
}

func replyToID(r tg.InputReplyToClass) int {
	if v, ok := r.(*tg.InputReplyToMessage); ok {
		return v.ReplyToMsgID
	}
	return 0
}

// send stores a message the caller sends to peer. A random_id seen before
// answers the original message again instead of sending a second one.
func (c *call) send(peer tg.InputPeerClass, randomID int64, m Message, media tg.MessageMediaClass) (bin.Encoder, error) {
	to, err := c.inputPeerUser(peer)
	if err != nil {
		return nil, err
	}
	w := c.e.world
	b := w.box(c.userID)
	date := int(c.e.now().Unix())
	if id, ok := b.randomIDs[randomID]; ok && randomID != 0 {
		msg, kept := b.msgs[id]
		if !kept {
			// The message was deleted, its random_id stays used: "You
			// provided a random ID that was already used"
			// (core.telegram.org/method/messages.sendMessage).
			return nil, errRandomIDDuplicate
		}
		return c.sentUpdates(randomID, msg, &tg.UpdateNewMessage{Message: msg, Pts: b.pts, PtsCount: 0}, date), nil
	}
	msg, u := b.appendMessage(func(id int) tg.MessageClass {
		return buildMessage(id, date, c.userID, to.id, c.userID, true, m, media)
	})
	if randomID != 0 {
		b.randomIDs[randomID] = msg.(*tg.Message).ID
	}
	// Other sessions of the sender learn of it by push; the caller by result.
	c.pushes = append(c.pushes, w.pushUpdate(c.userID, u, msg, date, c.session.ID))
	if to.id != c.userID {
		in := m
		in.ReplyTo = 0
		inMsg, inU := w.box(to.id).appendMessage(func(id int) tg.MessageClass {
			return buildMessage(id, date, to.id, c.userID, c.userID, false, in, media)
		})
		c.pushes = append(c.pushes, w.pushUpdate(to.id, inU, inMsg, date, 0))
	}
	if c.e.short.Load() && media == nil {
		return shortSent(msg, u), nil
	}
	return c.sentUpdates(randomID, msg, u, date), nil
}

func (c *call) sentUpdates(randomID int64, msg tg.MessageClass, u *tg.UpdateNewMessage, date int) *tg.Updates {
	return &tg.Updates{
		Updates: []tg.UpdateClass{
			&tg.UpdateMessageID{ID: msg.(*tg.Message).ID, RandomID: randomID},
			u,
		},
		Users: c.e.world.tgUsers(c.userID, append(userIDs(msg), c.userID)...),
		Chats: []tg.ChatClass{},
		Date:  date,
	}
}

func (c *call) sendMessage(req *tg.MessagesSendMessageRequest) (bin.Encoder, error) {
	defer c.lock()()
	if req.Message == "" {
		return nil, errMessageEmpty
	}
	if tooLong(req.Message, maxMessageLength) {
		return nil, errMessageTooLong
	}
	m := Message{Text: req.Message, Entities: req.Entities, ReplyTo: replyToID(req.ReplyTo)}
	if at, ok := req.GetScheduleDate(); ok {
		return c.scheduleSend(req.Peer, req.RandomID, at, m, nil)
	}
	return c.send(req.Peer, req.RandomID, m, nil)
}

func (c *call) sendMedia(req *tg.MessagesSendMediaRequest) (bin.Encoder, error) {
	defer c.lock()()
	if tooLong(req.Message, maxCaptionLength) {
		return nil, errMediaCaptionTooLong
	}
	media, err := c.inputMedia(req.Media)
	if err != nil {
		return nil, err
	}
	m := Message{Text: req.Message, Entities: req.Entities, ReplyTo: replyToID(req.ReplyTo)}
	if at, ok := req.GetScheduleDate(); ok {
		return c.scheduleSend(req.Peer, req.RandomID, at, m, media)
	}
	return c.send(req.Peer, req.RandomID, m, media)
}

func (c *call) editMessage(req *tg.MessagesEditMessageRequest) (bin.Encoder, error) {
	defer c.lock()()
	if _, err := c.inputPeerUser(req.Peer); err != nil {
		return nil, err
	}
	b := c.e.world.box(c.userID)
	old, ok := b.msgs[req.ID].(*tg.Message)
	switch {
	case !ok:
		return nil, errMessageIDInvalid
	case !old.Out:
		return nil, errMessageAuthor
	case old.Message == req.Message && req.Media == nil:
		return nil, errMessageNotMod
	}
	if text, ok := req.GetMessage(); ok && tooLong(text, maxMessageLength) {
		return nil, errMessageTooLong
	}
	m := *old
	if text, ok := req.GetMessage(); ok {
		m.Message = text
		m.Entities = req.Entities
	}
	m.EditDate = int(c.e.now().Unix())
	m.SetFlags()
	u := b.replaceMessage(&m)
	c.pushes = append(c.pushes, c.e.world.pushUpdate(c.userID, u, &m, m.EditDate, c.session.ID))
	return &tg.Updates{
		Updates: []tg.UpdateClass{u},
		Users:   c.e.world.tgUsers(c.userID, append(userIDs(&m), c.userID)...),
		Chats:   []tg.ChatClass{},
		Date:    m.EditDate,
	}, nil
}

func (c *call) messagesResult(msgs []tg.MessageClass) *tg.MessagesMessages {
	ids := []int64{c.userID}
	for _, m := range msgs {
		ids = append(ids, userIDs(m)...)
	}
	return &tg.MessagesMessages{Messages: msgs, Chats: c.e.world.chatsOf(c.userID, msgs...), Users: c.e.world.tgUsers(c.userID, ids...)}
}

func (c *call) getMessages(req *tg.MessagesGetMessagesRequest) (bin.Encoder, error) {
	defer c.lock()()
	b := c.e.world.box(c.userID)
	msgs := make([]tg.MessageClass, 0, len(req.ID))
	for _, in := range req.ID {
		id := 0
		switch v := in.(type) {
		case *tg.InputMessageID:
			id = v.ID
		case *tg.InputMessageReplyTo:
			if m, ok := b.msgs[v.ID].(*tg.Message); ok {
				if h, ok := m.ReplyTo.(*tg.MessageReplyHeader); ok {
					id = h.ReplyToMsgID
				}
			}
		}
		m, ok := b.msgs[id]
		if !ok {
			m = &tg.MessageEmpty{ID: id}
		}
		msgs = append(msgs, c.e.world.refreshRefs(m))
	}
	return c.messagesResult(msgs), nil
}

// getHistory pages through the chat with a peer, newest first, honouring
// offset_id, add_offset, limit, max_id and min_id.
func (c *call) getHistory(req *tg.MessagesGetHistoryRequest) (bin.Encoder, error) {
	defer c.lock()()
	peer, err := c.inputPeerUser(req.Peer)
	if err != nil {
		return nil, err
	}
	b := c.e.world.box(c.userID)
	ids := b.peerMessages(peer.id)
	start := 0
	if req.OffsetID > 0 {
		for start < len(ids) && ids[start] >= req.OffsetID {
			start++
		}
	}
	start += req.AddOffset
	start = max(start, 0)
	limit := req.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	var msgs []tg.MessageClass
	for i := start; i < len(ids) && len(msgs) < limit; i++ {
		id := ids[i]
		if (req.MaxID > 0 && id >= req.MaxID) || (req.MinID > 0 && id <= req.MinID) {
			continue
		}
		msgs = append(msgs, c.e.world.refreshRefs(b.msgs[id]))
	}
	if msgs == nil {
		msgs = []tg.MessageClass{}
	}
	r := c.messagesResult(msgs)
	return &tg.MessagesMessagesSlice{Count: len(ids), Messages: r.Messages, Chats: r.Chats, Users: r.Users}, nil
}
