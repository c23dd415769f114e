package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// Replies across chats ("Reply in another chat" in Telegram's apps): a
// message in one chat quotes a message of another. Its messageReplyHeader
// then names that chat in reply_to_peer_id, and carries the quoted
// message's media in reply_media, so a client can show it without access
// to the chat (TDLib RepliedMessageInfo.cpp reads both; core.telegram.org/
// constructor/messageReplyHeader). The id alone means nothing in the
// replying chat: it is the quoted chat's id.

// crossChatHeader is the reply header of m when it quotes another chat, or
// nil when it does not. Guarded by Emulator.mu.
func (w *world) crossChatHeader(owner int64, m Message) *tg.MessageReplyHeader {
	if m.ReplyToChat == 0 || m.ReplyTo == 0 {
		return nil
	}
	c := w.chats[m.ReplyToChat]
	if c == nil {
		return nil
	}
	h := &tg.MessageReplyHeader{ReplyToMsgID: m.ReplyTo}
	var quoted *tg.Message
	if c.isChannel() {
		h.ReplyToPeerID = &tg.PeerChannel{ChannelID: c.id}
		quoted = c.msgs[m.ReplyTo]
	} else {
		h.ReplyToPeerID = &tg.PeerChat{ChatID: c.id}
		quoted, _ = w.box(owner).msgs[m.ReplyTo].(*tg.Message)
	}
	if quoted != nil && quoted.Media != nil && !m.OmitReplyMedia {
		h.ReplyMedia = w.refreshMedia(quoted.Media)
	}
	h.SetFlags()
	return h
}

// refreshMedia is media with a file reference that is good now.
func (w *world) refreshMedia(media tg.MessageMediaClass) tg.MessageMediaClass {
	m := w.refreshRefs(&tg.Message{Media: media})
	return m.(*tg.Message).Media
}

// refreshReplyMedia gives the reply_media of a message quoting another
// chat a file reference that is good now, like the message's own media.
func (w *world) refreshReplyMedia(msg *tg.Message) *tg.Message {
	h, ok := msg.ReplyTo.(*tg.MessageReplyHeader)
	if !ok || h.ReplyMedia == nil {
		return msg
	}
	hc := *h
	hc.ReplyMedia = w.refreshMedia(h.ReplyMedia)
	out := *msg
	out.ReplyTo = &hc
	return &out
}

func (e *Emulator) registerCrossChat(m map[uint32]method) {
	register(m, false, (*call).getChannelMessages)
}

// getChannelMessages returns messages of a channel or supergroup by id, as
// its member sees them; a missing id is messageEmpty, as on Telegram.
func (c *call) getChannelMessages(req *tg.ChannelsGetMessagesRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	ch, err := c.memberChannel(req.Channel)
	if err != nil {
		return nil, err
	}
	msgs := make([]tg.MessageClass, 0, len(req.ID))
	ids := []int64{c.userID}
	for _, im := range req.ID {
		id, ok := im.(*tg.InputMessageID)
		if !ok || ch.msgs[id.ID] == nil {
			msgs = append(msgs, &tg.MessageEmpty{ID: inputMessageID(im)})
			continue
		}
		msg := w.refreshRefs(ch.viewerCopy(id.ID, c.userID))
		msgs = append(msgs, msg)
		ids = append(ids, userIDs(msg)...)
	}
	return &tg.MessagesChannelMessages{
		Pts: ch.pts, Count: len(msgs), Messages: msgs, Topics: []tg.ForumTopicClass{},
		Chats: []tg.ChatClass{w.tgChat(c.userID, ch)}, Users: w.tgUsers(c.userID, ids...),
	}, nil
}

func inputMessageID(im tg.InputMessageClass) int {
	if id, ok := im.(*tg.InputMessageID); ok {
		return id.ID
	}
	return 0
}

// memberChannel is the channel or supergroup in names, checked as Telegram
// checks it: the right access hash (CHANNEL_INVALID) and the caller a
// member (CHANNEL_PRIVATE).
func (c *call) memberChannel(in tg.InputChannelClass) (*chat, error) {
	ic, ok := in.(*tg.InputChannel)
	if !ok {
		return nil, errChannelInvalid
	}
	ch := c.e.world.chats[ic.ChannelID]
	switch {
	case ch == nil || !ch.isChannel() || ch.accessHash != ic.AccessHash:
		return nil, errChannelInvalid
	case !ch.members[c.userID]:
		return nil, errChannelPrivate
	}
	return ch, nil
}
