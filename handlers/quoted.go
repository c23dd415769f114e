package handlers

import (
	"context"
	"sync"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/internal/usererr"
	"persona/media"
)

// channelHashes remembers the access hashes of channels Telegram told us
// about with an update or an answer, to fetch a message quoted from one.
type channelHashes struct{ m sync.Map }

func (c *channelHashes) note(chats []tg.ChatClass) {
	for _, ch := range chats {
		if ch, ok := ch.(*tg.Channel); ok && !ch.Min {
			c.m.Store(ch.ID, ch.AccessHash)
		}
	}
}

func (c *channelHashes) get(id int64) (int64, bool) {
	v, ok := c.m.Load(id)
	if !ok {
		return 0, false
	}
	return v.(int64), true
}

// mediaOf is the media a Saved Messages message carries: its own
// attachment, else the media of a message it quotes from another chat.
func (r *runner) mediaOf(ctx context.Context, msg *tg.Message) (media.Source, bool, error) {
	if src, found, err := media.FromMessage(msg); found || err != nil {
		return src, found, err
	}
	return r.quotedMedia(ctx, msg)
}

// quotedMedia is the media of the message msg quotes from another chat
// ("Reply in another chat": reply_to_peer_id). Its id belongs to that chat,
// never to Saved Messages, so it is looked up there: in reply_media when
// Telegram sent it along, else fetched from that chat (TDLib
// RepliedMessageInfo.cpp). The source keeps msg's id: msg is where it is
// found again for a fresh file reference or an /undo.
func (r *runner) quotedMedia(ctx context.Context, msg *tg.Message) (media.Source, bool, error) {
	h, ok := msg.ReplyTo.(*tg.MessageReplyHeader)
	if !ok || h.ReplyToPeerID == nil || h.ReplyToMsgID == 0 {
		return media.Source{}, false, nil
	}
	quoted := &tg.Message{ID: h.ReplyToMsgID, Media: h.ReplyMedia}
	if h.ReplyMedia == nil {
		var err error
		if quoted, err = r.fetchQuoted(ctx, h.ReplyToPeerID, h.ReplyToMsgID); err != nil || quoted == nil {
			return media.Source{}, false, err
		}
	}
	src, found, err := media.FromMessage(quoted)
	src.MsgID = msg.ID
	return src, found, err
}

// fetchQuoted fetches message id of another chat: a channel's own box, or
// the account's box that private chats and basic groups share.
func (r *runner) fetchQuoted(ctx context.Context, peer tg.PeerClass, id int) (*tg.Message, error) {
	api := r.api
	var res tg.MessagesMessagesClass
	var err error
	switch p := peer.(type) {
	case *tg.PeerChannel:
		hash, known := r.channels.get(p.ChannelID)
		if !known {
			return nil, usererr.New("the message you replied to is in a channel Persona cannot read; forward it into Saved Messages and reply to that")
		}
		res, err = api.ChannelsGetMessages(ctx, &tg.ChannelsGetMessagesRequest{
			Channel: &tg.InputChannel{ChannelID: p.ChannelID, AccessHash: hash},
			ID:      []tg.InputMessageClass{&tg.InputMessageID{ID: id}},
		})
	default:
		res, err = api.MessagesGetMessages(ctx, []tg.InputMessageClass{&tg.InputMessageID{ID: id}})
	}
	if err != nil {
		return nil, errors.Wrapf(err, "get the quoted message %d", id)
	}
	if _, ok := res.(*tg.MessagesMessagesNotModified); ok {
		return nil, nil
	}
	if msg, found := messageWithID(r.messagesOf(res), id); found {
		return msg, nil
	}
	return nil, usererr.New("the message you replied to was deleted; attach the media to the command, or reply to another message")
}
