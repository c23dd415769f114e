package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// sender sends, edits, deletes and finds Persona's own messages in Saved
// Messages (the replies to commands), and journals which messages are ours.
type sender struct {
	api       *tg.Client
	self      int64
	journal   journal
	prefix    string     // no message of ours starts with it, so none reads as a command (splitReply)
	deletions *deletions // messages lately deleted, which may be ours before their ids are journalled
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

// renewedRandomID is the random_id of a command's reply sent after
// renewed others were given up (storage.JournalEntry.Renewed): Telegram
// keeps a deleted message's random_id, and a send with it again would be
// answered RANDOM_ID_DUPLICATE, the new reply taken for the deleted one.
func renewedRandomID(self int64, msgID, renewed int) int64 {
	if renewed == 0 {
		return replyRandomID(self, msgID)
	}
	return randomID(fmt.Appendf(nil, "persona reply %d %d renewed %d", self, msgID, renewed))
}

// randomID makes a random_id from a seed: the same seed, the same id.
func randomID(seed []byte) int64 {
	sum := sha256.Sum256(seed)
	return int64(binary.LittleEndian.Uint64(sum[:8]) &^ (1 << 63))
}

// sendFirst sends the first message of command msgID's reply, which
// replies to the command; renewed counts the ones given up before it. It
// returns the message's id.
func (s *sender) sendFirst(ctx context.Context, msgID, renewed int, text string) (int, error) {
	return s.send(ctx, msgID, 0, renewedRandomID(s.self, msgID, renewed), text)
}

// send sends part i of command msgID's reply, which must fit one message:
// part 0 replies to the command, the others follow it. It returns the
// message's id.
func (s *sender) send(ctx context.Context, msgID, i int, randomID int64, text string) (int, error) {
	req := &tg.MessagesSendMessageRequest{
		Peer:      &tg.InputPeerSelf{},
		Message:   text,
		RandomID:  randomID,
		NoWebpage: true,
	}
	if i == 0 {
		req.ReplyTo = &tg.InputReplyToMessage{ReplyToMsgID: msgID}
	}
	res, err := s.api.MessagesSendMessage(ctx, req)
	if tgerr.Is(err, "RANDOM_ID_DUPLICATE") {
		// The first send arrived (docs/ARCHITECTURE.md, "RANDOM_ID_DUPLICATE
		// means the first send arrived"): success. Its id matters only for
		// the reply itself, which a progress edit needs.
		if i > 0 {
			return 0, nil
		}
		return s.find(ctx, msgID)
	}
	if err != nil {
		return 0, err
	}
	return sentID(res), nil
}

// edit makes our message id say text.
func (s *sender) edit(ctx context.Context, id int, text string) error {
	_, err := s.api.MessagesEditMessage(ctx, &tg.MessagesEditMessageRequest{
		Peer: &tg.InputPeerSelf{}, ID: id, Message: text, NoWebpage: true,
	})
	if tgerr.Is(err, "MESSAGE_NOT_MODIFIED") {
		return nil
	}
	return err
}

// delete deletes our message id, for everyone (revoke), as the apps do in
// Saved Messages.
func (s *sender) delete(ctx context.Context, id int) error {
	_, err := s.api.MessagesDeleteMessages(ctx, &tg.MessagesDeleteMessagesRequest{Revoke: true, ID: []int{id}})
	return err
}

// sendRest sends the parts of a long reply after the first, in order,
// and records them as ours.
func (s *sender) sendRest(ctx context.Context, msgID int, rest []string) error {
	for i, text := range rest {
		id, err := s.send(ctx, msgID, i+1, replyRandomID(s.self, msgID, i+1), text)
		if err != nil {
			return errors.Wrapf(err, "part %d of the answer", i+2)
		}
		if err := s.journal.AddReplyParts(msgID, id); err != nil {
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

// find looks for our reply to command msgID among the latest Saved
// Messages; 0 when it is not there (then nothing needs it).
func (s *sender) find(ctx context.Context, msgID int) (int, error) {
	replies, reachesCommand, err := s.repliesTo(ctx, msgID)
	if err != nil {
		return 0, err
	}
	if len(replies) > 0 {
		return replies[0].ID, nil
	}
	if reachesCommand {
		// Everything since the command is in sight and our reply is not:
		// the owner deleted it before its id was journalled.
		return 0, errReplyDeleted
	}
	return 0, nil
}

// repliesTo returns our messages among the latest Saved Messages that
// reply to command msgID, newest first, and whether everything since the
// command is in sight.
func (s *sender) repliesTo(ctx context.Context, msgID int) ([]*tg.Message, bool, error) {
	res, err := s.api.MessagesGetHistory(ctx, &tg.MessagesGetHistoryRequest{Peer: &tg.InputPeerSelf{}, OffsetID: 0, Limit: findLimit})
	if err != nil {
		return nil, false, errors.Wrap(err, "find the reply sent before")
	}
	msgs, _ := messagesIn(res)
	reachesCommand := len(msgs) < findLimit
	var replies []*tg.Message
	for _, m := range msgs {
		if m.GetID() <= msgID {
			reachesCommand = true
		}
		msg, ok := m.(*tg.Message)
		if !ok || !msg.Out || msg.ID <= msgID {
			continue
		}
		if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && h.ReplyToMsgID == msgID {
			replies = append(replies, msg)
		}
	}
	return replies, reachesCommand, nil
}

// findLimit is how far back find looks for a reply sent before.
const findLimit = 100

// errReplyDeleted: Telegram has our reply's random_id, but the message is
// gone from Saved Messages (docs/ARCHITECTURE.md, "A deleted message is gone
// for good").
var errReplyDeleted = errors.New("reply deleted before it was journalled")
