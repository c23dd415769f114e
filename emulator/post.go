package emulator

import (
	"strings"
	"unicode/utf16"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
)

// Message is a message for the Go API to post or deliver.
type Message struct {
	Text     string
	Entities []tg.MessageEntityClass
	Media    *Media
	// ReplyTo is the id of an earlier message in the same chat.
	ReplyTo int
	// Quote, with ReplyTo, is the part of that message's text the reply
	// quotes, as "Reply with quote" in Telegram's apps; the header gets its
	// text and its offset in UTF-16 units.
	Quote string
	// ForwardFrom marks the message as forwarded from this user.
	ForwardFrom int64
	// ReplyToChat makes ReplyTo an id in that group or channel: a reply
	// quoting another chat, with reply_to_peer_id and reply_media.
	ReplyToChat int64
	// OmitReplyMedia leaves reply_media out of such a reply, so a client
	// must fetch the quoted message from its chat.
	OmitReplyMedia bool
}

// Post writes m into the account's Saved Messages as the account itself,
// as if typed in another app, and pushes it to the account's sessions.
func (e *Emulator) Post(account int64, m Message) (int, error) {
	return e.deliverMessage(account, account, m)
}

// PostDocument writes a document into the account's Saved Messages as
// another of the account's apps would send it (a .vcf exported from a
// phone, a text), with a caption, and pushes it to the account's sessions.
// It returns the message id.
func (e *Emulator) PostDocument(account int64, name, mime string, data []byte, caption string) (int, error) {
	return e.Post(account, Message{Text: caption, Media: Document(data, mime, name)})
}

// Deliver writes m from one user to another: an incoming message in the
// recipient's chat with the sender, and an outgoing one in the sender's.
func (e *Emulator) Deliver(from, to int64, m Message) (int, error) {
	return e.deliverMessage(from, to, m)
}

// deliverMessage stores m in the boxes of both sides and pushes it; it
// returns the message id in the recipient's box.
func (e *Emulator) deliverMessage(from, to int64, m Message) (int, error) {
	e.mu.Lock()
	w := e.world
	if w.users[from] == nil || w.users[to] == nil {
		e.mu.Unlock()
		return 0, errors.Errorf("no user %d or %d", from, to)
	}
	media, err := w.messageMedia(e.now(), w.users[to].dc, m.Media)
	if err != nil {
		e.mu.Unlock()
		return 0, err
	}
	date := int(e.now().Unix())
	quoteAt := w.quoteOffset(to, m)
	var pushes []push
	store := func(owner, peer int64, out bool, m Message) int {
		msg, u := w.box(owner).appendMessage(func(id int) tg.MessageClass {
			msg := buildMessage(id, date, owner, peer, from, out, m, media)
			if h := w.crossChatHeader(owner, m); h != nil {
				msg.ReplyTo = h
				msg.SetFlags()
			}
			if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && m.Quote != "" {
				h.SetQuoteText(m.Quote)
				h.SetQuoteOffset(quoteAt)
				h.Quote = true
			}
			return msg
		})
		pushes = append(pushes, w.pushUpdate(owner, u, msg, date, 0))
		return msg.(*tg.Message).ID
	}
	id := store(to, from, from == to, m)
	if from != to {
		// ReplyTo is an id in the recipient's box; the sender's differ.
		sent := m
		sent.ReplyTo = 0
		store(from, to, true, sent)
	}
	e.mu.Unlock()
	e.deliver(pushes)
	return id, nil
}

// buildMessage renders m as stored in owner's box, in the chat with peer.
func buildMessage(id, date int, owner, peer, from int64, out bool, m Message, media tg.MessageMediaClass) *tg.Message {
	msg := &tg.Message{
		ID:       id,
		Out:      out,
		PeerID:   &tg.PeerUser{UserID: peer},
		Date:     date,
		Message:  m.Text,
		Entities: m.Entities,
	}
	if !out {
		msg.FromID = &tg.PeerUser{UserID: from}
	}
	if media != nil {
		msg.Media = media
	}
	if m.ReplyTo != 0 {
		msg.ReplyTo = &tg.MessageReplyHeader{ReplyToMsgID: m.ReplyTo}
	}
	if m.ForwardFrom != 0 {
		msg.FwdFrom = tg.MessageFwdHeader{FromID: &tg.PeerUser{UserID: m.ForwardFrom}, Date: date - 60}
	}
	msg.SetFlags()
	return msg
}

// quoteOffset is where m.Quote starts in the text of the message m replies
// to in owner's box, in UTF-16 units; 0 when it is not found.
func (w *world) quoteOffset(owner int64, m Message) int {
	replied, ok := w.box(owner).msgs[m.ReplyTo].(*tg.Message)
	if m.Quote == "" || !ok {
		return 0
	}
	i := strings.Index(replied.Message, m.Quote)
	if i < 0 {
		return 0
	}
	return len(utf16.Encode([]rune(replied.Message[:i])))
}

// Edit changes the text of one of the account's own messages and pushes
// updateEditMessage, as an edit in another app would.
func (e *Emulator) Edit(account int64, msgID int, text string) error {
	e.mu.Lock()
	b := e.world.box(account)
	old, ok := b.msgs[msgID].(*tg.Message)
	if !ok || !old.Out {
		e.mu.Unlock()
		return errors.Errorf("no own message %d", msgID)
	}
	m := *old
	m.Message = text
	m.EditDate = int(e.now().Unix())
	m.SetFlags()
	u := b.replaceMessage(&m)
	p := e.world.pushUpdate(account, u, &m, m.EditDate, 0)
	e.mu.Unlock()
	e.deliver([]push{p})
	return nil
}

// Message returns one message of the account's box.
func (e *Emulator) Message(account int64, id int) (tg.MessageClass, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m, ok := e.world.box(account).msgs[id]
	return m, ok
}

// History returns the account's messages with peer, oldest first; the
// account's own id as peer gives its Saved Messages.
func (e *Emulator) History(account, peer int64) []tg.MessageClass {
	e.mu.Lock()
	defer e.mu.Unlock()
	b := e.world.box(account)
	ids := b.peerMessages(peer)
	out := make([]tg.MessageClass, 0, len(ids))
	for i := len(ids) - 1; i >= 0; i-- {
		out = append(out, b.msgs[ids[i]])
	}
	return out
}

// SavedMessages returns the account's Saved Messages, oldest first.
func (e *Emulator) SavedMessages(account int64) []tg.MessageClass {
	return e.History(account, account)
}

// Replies returns the account's Saved Messages that reply to msgID.
func (e *Emulator) Replies(account int64, msgID int) []*tg.Message {
	var out []*tg.Message
	for _, m := range e.SavedMessages(account) {
		msg, ok := m.(*tg.Message)
		if !ok {
			continue
		}
		if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && h.ReplyToMsgID == msgID {
			out = append(out, msg)
		}
	}
	return out
}
