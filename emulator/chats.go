package emulator

import (
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/go-faster/errors"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// ChatKind tells the three kinds of group chat apart, because Telegram
// delivers their messages in two different ways.
type ChatKind int

const (
	// Group is a basic group: every member keeps its own copy of each message
	// in its own box, with its own message ids and its common pts, and
	// learns of it by updateNewMessage with a peerChat.
	Group ChatKind = iota + 1
	// Supergroup is a megagroup: a channel with one message box and a pts of
	// its own, delivered by updateNewChannelMessage with a peerChannel.
	Supergroup
	// Channel is a broadcast channel: like a supergroup, but posts carry no
	// sender.
	Channel
)

// ChatSpec describes a group or channel to add to the world.
type ChatSpec struct {
	Title   string
	Kind    ChatKind // defaults to Group
	Members []int64  // user ids, the account among them to see it
}

// Chat is a snapshot of a group or channel for tests.
type Chat struct {
	ID         int64
	AccessHash int64 // channels only
	Title      string
	Kind       ChatKind
}

// chat is a group or channel. Guarded by Emulator.mu.
type chat struct {
	id, accessHash int64
	title          string
	kind           ChatKind
	date           int
	members        map[int64]bool
	// Channels and supergroups only: their one message box.
	pts, lastID int
	msgs        map[int]*tg.Message
	authors     map[int]int64 // message id → who wrote it (broadcast posts do not say)
	log         []ptsUpdate
}

func (c *chat) isChannel() bool { return c.kind != Group }

// AddChat adds a group or channel with the given members.
func (e *Emulator) AddChat(spec ChatSpec) Chat {
	e.mu.Lock()
	defer e.mu.Unlock()
	w := e.world
	if spec.Kind == 0 {
		spec.Kind = Group
	}
	w.nextChatID += 1 + rand.Int64N(50)
	c := &chat{
		id: w.nextChatID, title: spec.Title, kind: spec.Kind, date: int(e.now().Unix()),
		members: map[int64]bool{}, msgs: map[int]*tg.Message{}, authors: map[int]int64{},
	}
	if c.isChannel() {
		c.accessHash = rand.Int64()
	}
	for _, id := range spec.Members {
		c.members[id] = true
	}
	w.chats[c.id] = c
	return Chat{ID: c.id, AccessHash: c.accessHash, Title: c.title, Kind: c.kind}
}

// PostToChat writes m into the chat as the member from, and pushes it to
// the sessions of every member: the account itself writing in a group from
// another app, or anyone else. It returns the message id as the sender's box
// (a group) or the channel numbers it. Replies and forwards are not modelled
// in chats.
func (e *Emulator) PostToChat(chatID, from int64, m Message) (int, error) {
	e.mu.Lock()
	w := e.world
	c := w.chats[chatID]
	if c == nil || !c.members[from] {
		e.mu.Unlock()
		return 0, errors.Errorf("no chat %d with member %d", chatID, from)
	}
	media, err := w.messageMedia(e.now(), w.users[from].dc, m.Media)
	if err != nil {
		e.mu.Unlock()
		return 0, err
	}
	m.ReplyTo, m.ForwardFrom = 0, 0
	date := int(e.now().Unix())
	var (
		pushes []push
		id     int
	)
	members := c.memberIDs()
	if c.isChannel() {
		id = c.post(buildMessage(0, date, 0, 0, from, false, m, media), from)
		for _, member := range members {
			msg := c.viewerCopy(id, member)
			u := &tg.UpdateNewChannelMessage{Message: msg, Pts: c.pts, PtsCount: 1}
			pushes = append(pushes, w.pushChatUpdate(member, u, msg, date, c))
		}
	} else {
		for _, member := range members {
			msg, u := w.box(member).appendMessage(func(id int) tg.MessageClass {
				msg := buildMessage(id, date, member, 0, from, member == from, m, media)
				msg.PeerID, msg.FromID = &tg.PeerChat{ChatID: c.id}, &tg.PeerUser{UserID: from}
				msg.SetFlags()
				return msg
			})
			if member == from {
				id = msg.GetID()
			}
			pushes = append(pushes, w.pushChatUpdate(member, u, msg, date, c))
		}
	}
	e.mu.Unlock()
	e.deliver(pushes)
	return id, nil
}

// post stores a channel message and logs it at the channel's next pts.
func (c *chat) post(msg *tg.Message, from int64) int {
	c.lastID++
	c.pts++
	msg.ID = c.lastID
	msg.PeerID = &tg.PeerChannel{ChannelID: c.id}
	msg.FromID = nil
	if c.kind == Supergroup {
		msg.FromID = &tg.PeerUser{UserID: from}
	}
	msg.Post = c.kind == Channel
	resetFlags(msg)
	c.msgs[msg.ID] = msg
	c.authors[msg.ID] = from
	c.log = append(c.log, ptsUpdate{pts: c.pts, update: &tg.UpdateNewChannelMessage{Message: msg, Pts: c.pts, PtsCount: 1}})
	return msg.ID
}

// viewerCopy is a channel message as one member sees it: out when theirs.
func (c *chat) viewerCopy(id int, viewer int64) *tg.Message {
	msg := *c.msgs[id]
	msg.Out = c.authors[id] == viewer
	resetFlags(&msg)
	return &msg
}

// resetFlags recomputes a message's flags: gotd's SetFlags only ever sets
// bits, and a cleared field with its bit still set cannot be encoded.
func resetFlags(m *tg.Message) {
	m.Flags, m.Flags2 = 0, 0
	m.SetFlags()
}

func (c *chat) memberIDs() []int64 {
	ids := make([]int64, 0, len(c.members))
	for id := range c.members {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// tgChat renders c as viewer sees it: forbidden when not a member.
func (w *world) tgChat(viewer int64, c *chat) tg.ChatClass {
	member := c.members[viewer]
	var out interface{ SetFlags() }
	switch {
	case !c.isChannel() && member:
		out = &tg.Chat{ID: c.id, Title: c.title, Photo: &tg.ChatPhotoEmpty{}, ParticipantsCount: len(c.members), Date: c.date, Version: 1}
	case !c.isChannel():
		return &tg.ChatForbidden{ID: c.id, Title: c.title}
	case member:
		out = &tg.Channel{ID: c.id, AccessHash: c.accessHash, Title: c.title, Photo: &tg.ChatPhotoEmpty{}, Date: c.date,
			Broadcast: c.kind == Channel, Megagroup: c.kind == Supergroup}
	default:
		out = &tg.ChannelForbidden{ID: c.id, AccessHash: c.accessHash, Title: c.title,
			Broadcast: c.kind == Channel, Megagroup: c.kind == Supergroup}
	}
	out.SetFlags()
	return out.(tg.ChatClass)
}

// chatsOf renders the chats the messages are in, each once, for the chats
// vector that must accompany them.
func (w *world) chatsOf(viewer int64, msgs ...tg.MessageClass) []tg.ChatClass {
	seen := map[int64]bool{}
	var ids []int64
	for _, m := range msgs {
		msg, ok := m.(*tg.Message)
		if !ok {
			continue
		}
		peers := []tg.PeerClass{msg.PeerID}
		if h, ok := msg.ReplyTo.(*tg.MessageReplyHeader); ok && h.ReplyToPeerID != nil {
			peers = append(peers, h.ReplyToPeerID) // a chat quoted from elsewhere comes with the message
		}
		for _, peer := range peers {
			var id int64
			switch p := peer.(type) {
			case *tg.PeerChat:
				id = p.ChatID
			case *tg.PeerChannel:
				id = p.ChannelID
			}
			if id != 0 && !seen[id] && w.chats[id] != nil {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]tg.ChatClass, 0, len(ids))
	for _, id := range ids {
		out = append(out, w.tgChat(viewer, w.chats[id]))
	}
	return out
}

// pushChatUpdate queues a chat message's update with its users and chat.
func (w *world) pushChatUpdate(owner int64, u tg.UpdateClass, m tg.MessageClass, date int, c *chat) push {
	p := w.pushUpdate(owner, u, m, date, 0)
	p.updates.(*tg.Updates).Chats = []tg.ChatClass{w.tgChat(owner, c)}
	return p
}

// ChatHistory returns the chat's messages as the viewer sees them, oldest
// first.
func (e *Emulator) ChatHistory(viewer, chatID int64) []*tg.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.world.chats[chatID]
	if c == nil {
		return nil
	}
	var out []*tg.Message
	if c.isChannel() {
		for id := 1; id <= c.lastID; id++ {
			out = append(out, c.viewerCopy(id, viewer))
		}
		return out
	}
	b := e.world.box(viewer)
	for id := 1; id <= b.lastMsgID; id++ {
		if m, ok := b.msgs[id].(*tg.Message); ok {
			if p, ok := m.PeerID.(*tg.PeerChat); ok && p.ChatID == chatID {
				out = append(out, m)
			}
		}
	}
	return out
}

var (
	errChannelInvalid = tgerr.New(400, "CHANNEL_INVALID")
	errChannelPrivate = tgerr.New(400, "CHANNEL_PRIVATE")
)

func (e *Emulator) registerChats(m map[uint32]method) {
	register(m, false, (*call).getChannelDifference)
}

// getChannelDifference answers what a channel's box holds after pts, up
// to limit messages, as a member sees them; gotd asks it when it first hears
// of a channel and after a gap in the channel's pts.
func (c *call) getChannelDifference(req *tg.UpdatesGetChannelDifferenceRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	ch, err := c.memberChannel(req.Channel)
	if err != nil {
		return nil, err
	}
	if req.Pts >= ch.pts {
		return &tg.UpdatesChannelDifferenceEmpty{Final: true, Pts: ch.pts}, nil
	}
	i := sort.Search(len(ch.log), func(i int) bool { return ch.log[i].pts > req.Pts })
	ups := ch.log[i:]
	limit := req.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	final := len(ups) <= limit
	ups = ups[:min(len(ups), limit)]
	msgs := make([]tg.MessageClass, 0, len(ups))
	ids := []int64{c.userID}
	for _, u := range ups {
		msg := ch.viewerCopy(u.update.(*tg.UpdateNewChannelMessage).Message.GetID(), c.userID)
		msgs = append(msgs, w.refreshRefs(msg))
		ids = append(ids, userIDs(msg)...)
	}
	return &tg.UpdatesChannelDifference{
		Final: final, Pts: ups[len(ups)-1].pts, NewMessages: msgs, OtherUpdates: []tg.UpdateClass{},
		Chats: []tg.ChatClass{w.tgChat(c.userID, ch)}, Users: w.tgUsers(c.userID, ids...),
	}, nil
}
