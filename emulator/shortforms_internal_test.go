package emulator

import (
	"testing"

	"github.com/gotd/td/tg"
)

func TestShortPush(t *testing.T) {
	const owner, alice = 10, 20
	text := func(peer int64, out bool) *tg.Message {
		m := &tg.Message{ID: 7, Out: out, PeerID: &tg.PeerUser{UserID: peer}, Date: 100, Message: "/help"}
		m.ReplyTo = &tg.MessageReplyHeader{ReplyToMsgID: 3}
		return m
	}
	withMedia := text(owner, true)
	withMedia.Media = &tg.MessageMediaPhoto{}
	fromSchedule := text(owner, true)
	fromSchedule.FromScheduled = true
	one := func(m *tg.Message) *tg.Updates {
		return &tg.Updates{Updates: []tg.UpdateClass{&tg.UpdateNewMessage{Message: m, Pts: 5, PtsCount: 1}}}
	}
	tests := []struct {
		name     string
		in       tg.UpdatesClass
		short    bool
		userID   int64
		outgoing bool
	}{
		{"saved messages: user_id is the account, out", one(text(owner, true)), true, owner, true},
		{"from a contact: user_id is the contact", one(text(alice, false)), true, alice, false},
		{"media stays whole", one(withMedia), false, 0, false},
		{"a message from the schedule stays whole", one(fromSchedule), false, 0, false},
		{"an edit stays whole", &tg.Updates{Updates: []tg.UpdateClass{&tg.UpdateEditMessage{Message: text(owner, true)}}}, false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shortPush(tt.in)
			s, ok := got.(*tg.UpdateShortMessage)
			if ok != tt.short {
				t.Fatalf("shortPush = %T, want short %v", got, tt.short)
			}
			if !ok {
				return
			}
			h, _ := s.GetReplyTo()
			if s.UserID != tt.userID || s.Out != tt.outgoing || s.ID != 7 || s.Pts != 5 || s.PtsCount != 1 || s.Message != "/help" || h == nil {
				t.Errorf("shortPush = %+v", s)
			}
		})
	}
}
