package emulator

import (
	"sort"

	"github.com/gotd/td/tg"
)

// box is one account's message box: its messages with every peer, its
// message ids and its pts, as Telegram keeps them per account.
type box struct {
	pts       int
	lastMsgID int
	msgs      map[int]tg.MessageClass
	log       []ptsUpdate
	randomIDs map[int64]int
}

type ptsUpdate struct {
	pts    int
	update tg.UpdateClass
}

func (w *world) box(userID int64) *box {
	b := w.boxes[userID]
	if b == nil {
		b = &box{msgs: map[int]tg.MessageClass{}, randomIDs: map[int64]int{}}
		w.boxes[userID] = b
	}
	return b
}

// appendMessage gives m the next id, stores it and logs it as a new message.
// build receives the id and returns the message to store.
func (b *box) appendMessage(build func(id int) tg.MessageClass) (tg.MessageClass, *tg.UpdateNewMessage) {
	b.lastMsgID++
	m := build(b.lastMsgID)
	b.msgs[b.lastMsgID] = m
	return m, b.logNew(m)
}

// logNew logs m as a new message at the next pts.
func (b *box) logNew(m tg.MessageClass) *tg.UpdateNewMessage {
	b.pts++
	u := &tg.UpdateNewMessage{Message: m, Pts: b.pts, PtsCount: 1}
	b.log = append(b.log, ptsUpdate{pts: b.pts, update: u})
	return u
}

// replaceMessage stores an edited message and logs the edit.
func (b *box) replaceMessage(m *tg.Message) *tg.UpdateEditMessage {
	b.msgs[m.ID] = m
	b.pts++
	u := &tg.UpdateEditMessage{Message: m, Pts: b.pts, PtsCount: 1}
	b.log = append(b.log, ptsUpdate{pts: b.pts, update: u})
	return u
}

// since returns the logged updates after pts, oldest first.
func (b *box) since(pts int) []ptsUpdate {
	i := sort.Search(len(b.log), func(i int) bool { return b.log[i].pts > pts })
	return b.log[i:]
}

// peerMessages returns the ids of messages with the peer, newest first.
func (b *box) peerMessages(peer int64) []int {
	var ids []int
	for id, m := range b.msgs {
		if peerOf(m) == peer {
			ids = append(ids, id)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	return ids
}

func peerOf(m tg.MessageClass) int64 {
	var p tg.PeerClass
	switch m := m.(type) {
	case *tg.Message:
		p = m.PeerID
	case *tg.MessageService:
		p = m.PeerID
	}
	if u, ok := p.(*tg.PeerUser); ok {
		return u.UserID
	}
	return 0
}

// userIDs lists the users a message refers to, for the users vector that
// must accompany it.
func userIDs(m tg.MessageClass) []int64 {
	var ids []int64
	add := func(p tg.PeerClass) {
		if u, ok := p.(*tg.PeerUser); ok {
			ids = append(ids, u.UserID)
		}
	}
	switch m := m.(type) {
	case *tg.Message:
		add(m.PeerID)
		if m.FromID != nil {
			add(m.FromID)
		}
		if f, ok := m.GetFwdFrom(); ok && f.FromID != nil {
			add(f.FromID)
		}
	case *tg.MessageService:
		add(m.PeerID)
		if m.FromID != nil {
			add(m.FromID)
		}
	}
	return ids
}

// pushMessage queues a new-message or edit update for the account's sessions.
func (w *world) pushUpdate(owner int64, u tg.UpdateClass, m tg.MessageClass, date int, skip int64) push {
	return push{
		userID: owner,
		skip:   skip,
		updates: &tg.Updates{
			Updates: []tg.UpdateClass{u},
			Users:   w.tgUsers(owner, append(userIDs(m), owner)...),
			Chats:   w.chatsOf(owner, m),
			Date:    date,
		},
	}
}
