package handlers

import (
	"context"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
)

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
