package emulator_test

import (
	"fmt"
	"testing"

	"github.com/gotd/td/telegram/uploader"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// sent is the id of the message a send answered with, by its updateMessageID.
func sent(t *testing.T, res tg.UpdatesClass, randomID int64) *tg.Message {
	t.Helper()
	u, ok := res.(*tg.Updates)
	if !ok {
		t.Fatalf("send answered %T, want updates", res)
	}
	var id int
	var msg *tg.Message
	for _, up := range u.Updates {
		switch up := up.(type) {
		case *tg.UpdateMessageID:
			if up.RandomID == randomID {
				id = up.ID
			}
		case *tg.UpdateNewMessage:
			msg, _ = up.Message.(*tg.Message)
		}
	}
	if msg == nil || id == 0 || msg.ID != id {
		t.Fatalf("send answered %v, want updateMessageID and the new message", u.Updates)
	}
	return msg
}

func peerUser(u emulator.User) *tg.InputPeerUser {
	return &tg.InputPeerUser{UserID: u.ID, AccessHash: u.AccessHash}
}

// countText counts the messages with text among msgs.
func countText(msgs []tg.MessageClass, text string) int {
	n := 0
	for _, m := range msgs {
		if withText(text)(m) {
			n++
		}
	}
	return n
}

// TestChats sends, edits and reads messages and resolves users, with one
// client of one account.
func TestChats(t *testing.T) {
	t.Parallel()
	f := newFixture(t, start(t, emulator.Options{}))
	t.Run("messages", func(t *testing.T) { testMessages(t, f) })
	t.Run("peers", func(t *testing.T) { testPeers(t, f) })
}

// messaging is the fixture of the messages subtests, with the people the
// account writes to: bob, a contact, and zed, a stranger.
type messaging struct {
	fixture
	bob, zed emulator.User
}

func (m messaging) send(peer tg.InputPeerClass, text string, randomID int64) (tg.UpdatesClass, error) {
	return m.c.api.MessagesSendMessage(m.ctx, &tg.MessagesSendMessageRequest{Peer: peer, Message: text, RandomID: randomID})
}

// sendOK sends text and returns the message sent.
func (m messaging) sendOK(t *testing.T, peer tg.InputPeerClass, text string, randomID int64) *tg.Message {
	t.Helper()
	res, err := m.send(peer, text, randomID)
	if err != nil {
		t.Fatal(err)
	}
	return sent(t, res, randomID)
}

func testMessages(t *testing.T, f fixture) {
	m := messaging{fixture: f}
	m.bob = f.e.AddUser(emulator.UserSpec{FirstName: "Bob", Username: "bob", Phone: "+15550102"})
	f.e.AddContact(f.a.ID, m.bob.ID)
	m.zed = f.e.AddUser(emulator.UserSpec{FirstName: "Zed", Phone: "+15550199"})
	for _, tt := range []struct {
		name  string
		check func(*testing.T, messaging)
	}{
		{"a send repeated with its random_id sends one message", checkSendOnce},
		{"a send to a contact is outgoing here and incoming in their chat", checkSendToContact},
		{"send refuses an empty text and peers it cannot reach", checkSendErrors},
		{"sendMedia sends an uploaded photo whole and refuses what is not one", checkSendPhoto},
		{"edit changes the text of one's own message only, and only to a new one", checkEdit},
		{"a delivered reply refers to a message of the recipient's chat", checkDeliveredReply},
		{"getMessages shows a stranger's message, a forward and a reply with their headers", checkGetMessages},
		{"history pages from the newest message and keeps within min and max ids", checkHistoryPages},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, m) })
	}
}

func checkSendOnce(t *testing.T, m messaging) {
	first, err := m.send(&tg.InputPeerSelf{}, "once", 777)
	if err != nil {
		t.Fatal(err)
	}
	again, err := m.send(&tg.InputPeerSelf{}, "once", 777)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := sent(t, first, 777).ID, sent(t, again, 777).ID; a != b {
		t.Errorf("same random_id gave messages %d and %d", a, b)
	}
	if n := countText(m.e.SavedMessages(m.a.ID), "once"); n != 1 {
		t.Errorf("%d messages saved, want 1", n)
	}
}

func checkSendToContact(t *testing.T, m messaging) {
	out := m.sendOK(t, peerUser(m.bob), "hi bob", 1)
	if !out.Out || out.PeerID.(*tg.PeerUser).UserID != m.bob.ID {
		t.Errorf("sent = %+v, want outgoing to bob", out)
	}
	theirs := m.e.History(m.bob.ID, m.a.ID)
	in, ok := theirs[len(theirs)-1].(*tg.Message)
	if !ok || in.Out || in.Message != "hi bob" || in.FromID.(*tg.PeerUser).UserID != m.a.ID {
		t.Errorf("bob's copy = %+v, want incoming from %d", theirs[len(theirs)-1], m.a.ID)
	}
}

func checkSendErrors(t *testing.T, m messaging) {
	for _, tt := range []struct {
		peer tg.InputPeerClass
		text string
		want string
	}{
		{&tg.InputPeerSelf{}, "", "MESSAGE_EMPTY"},
		{&tg.InputPeerUser{UserID: m.bob.ID, AccessHash: m.bob.AccessHash + 1}, "x", "PEER_ID_INVALID"},
		{&tg.InputPeerUser{UserID: 42}, "x", "USER_ID_INVALID"},
		{&tg.InputPeerChat{ChatID: 1}, "x", "PEER_ID_INVALID"},
	} {
		if _, err := m.send(tt.peer, tt.text, 2); !tgerr.Is(err, tt.want) {
			t.Errorf("send %q to %v: err = %v, want %s", tt.text, tt.peer, err, tt.want)
		}
	}
}

func checkSendPhoto(t *testing.T, m messaging) {
	jpeg := emulator.JPEG(64, 48, 0)
	f, err := uploader.NewUploader(m.c.api).FromBytes(m.ctx, "p.jpg", jpeg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.c.api.MessagesSendMedia(m.ctx, &tg.MessagesSendMediaRequest{
		Peer: &tg.InputPeerSelf{}, Media: &tg.InputMediaUploadedPhoto{File: f}, Message: "caption", RandomID: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	msg := sent(t, res, 3)
	photo := msg.Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	largest := photo.Sizes[len(photo.Sizes)-1].(*tg.PhotoSizeProgressive)
	if size := largest.Sizes[len(largest.Sizes)-1]; msg.Message != "caption" || largest.W != 64 || largest.H != 48 || size != len(jpeg) {
		t.Errorf("sent photo %q %dx%d %d bytes, want caption 64x48 %d bytes", msg.Message, largest.W, largest.H, size, len(jpeg))
	}
	f, err = uploader.NewUploader(m.c.api).FromBytes(m.ctx, "p.jpg", []byte("not an image"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.c.api.MessagesSendMedia(m.ctx, &tg.MessagesSendMediaRequest{Peer: &tg.InputPeerSelf{}, Media: &tg.InputMediaUploadedPhoto{File: f}, RandomID: 4})
	if !tgerr.Is(err, "PHOTO_INVALID") {
		t.Errorf("sendMedia with text as photo: err = %v, want PHOTO_INVALID", err)
	}
}

func checkEdit(t *testing.T, m messaging) {
	own := m.sendOK(t, &tg.InputPeerSelf{}, "draft", 5)
	incoming, err := m.e.Deliver(m.bob.ID, m.a.ID, emulator.Message{Text: "from bob"})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(id int, text string) (tg.UpdatesClass, error) {
		return m.c.api.MessagesEditMessage(m.ctx, &tg.MessagesEditMessageRequest{Peer: &tg.InputPeerSelf{}, ID: id, Message: text})
	}
	res, err := edit(own.ID, "final")
	if err != nil {
		t.Fatal(err)
	}
	u := res.(*tg.Updates).Updates[0].(*tg.UpdateEditMessage).Message.(*tg.Message)
	if u.ID != own.ID || u.Message != "final" || u.EditDate == 0 {
		t.Errorf("edited = %d %q edit date %d", u.ID, u.Message, u.EditDate)
	}
	if stored, _ := m.e.Message(m.a.ID, own.ID); stored.(*tg.Message).Message != "final" {
		t.Errorf("stored text %q, want final", stored.(*tg.Message).Message)
	}
	for _, tt := range []struct {
		id   int
		text string
		want string
	}{
		{own.ID, "final", "MESSAGE_NOT_MODIFIED"},
		{incoming, "mine now", "MESSAGE_AUTHOR_REQUIRED"},
		{99999, "x", "MESSAGE_ID_INVALID"},
	} {
		if _, err := edit(tt.id, tt.text); !tgerr.Is(err, tt.want) {
			t.Errorf("edit %d to %q: err = %v, want %s", tt.id, tt.text, err, tt.want)
		}
	}
}

func checkDeliveredReply(t *testing.T, m messaging) {
	inID, err := m.e.Deliver(m.zed.ID, m.a.ID, emulator.Message{Text: "who am I"})
	if err != nil {
		t.Fatal(err)
	}
	answerID, err := m.e.Deliver(m.zed.ID, m.a.ID, emulator.Message{Text: "answer", ReplyTo: inID})
	if err != nil {
		t.Fatal(err)
	}
	if msg, _ := m.e.Message(m.a.ID, answerID); msg.(*tg.Message).ReplyTo == nil || msg.(*tg.Message).ReplyTo.(*tg.MessageReplyHeader).ReplyToMsgID != inID {
		t.Errorf("delivered reply header = %+v, want reply to %d", msg.(*tg.Message).ReplyTo, inID)
	}
	if theirs := m.e.History(m.zed.ID, m.a.ID); theirs[len(theirs)-1].(*tg.Message).ReplyTo != nil {
		t.Errorf("the sender's copy replies to %+v, an id of another chat", theirs[len(theirs)-1].(*tg.Message).ReplyTo)
	}
}

func checkGetMessages(t *testing.T, m messaging) {
	inID, err := m.e.Deliver(m.zed.ID, m.a.ID, emulator.Message{Text: "who am I"})
	if err != nil {
		t.Fatal(err)
	}
	fwdID, err := m.e.Post(m.a.ID, emulator.Message{Text: "forwarded", ForwardFrom: m.bob.ID})
	if err != nil {
		t.Fatal(err)
	}
	replyID, err := m.e.Post(m.a.ID, emulator.Message{Text: "reply", ReplyTo: fwdID})
	if err != nil {
		t.Fatal(err)
	}
	res, err := m.c.api.MessagesGetMessages(m.ctx, []tg.InputMessageClass{
		&tg.InputMessageID{ID: inID}, &tg.InputMessageID{ID: fwdID}, &tg.InputMessageID{ID: replyID},
		&tg.InputMessageReplyTo{ID: replyID}, &tg.InputMessageID{ID: 99999},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := res.(*tg.MessagesMessages)
	if len(got.Messages) != 5 {
		t.Fatalf("%d messages, want 5", len(got.Messages))
	}
	in := got.Messages[0].(*tg.Message)
	if from, ok := in.FromID.(*tg.PeerUser); in.Out || !ok || from.UserID != m.zed.ID || in.PeerID.(*tg.PeerUser).UserID != m.zed.ID {
		t.Errorf("stranger's message: out %v from %v peer %v", in.Out, in.FromID, in.PeerID)
	}
	if fwd := got.Messages[1].(*tg.Message); fwd.FwdFrom.FromID == nil || fwd.FwdFrom.FromID.(*tg.PeerUser).UserID != m.bob.ID {
		t.Errorf("forward header = %+v, want from bob", fwd.FwdFrom)
	}
	if h, ok := got.Messages[2].(*tg.Message).ReplyTo.(*tg.MessageReplyHeader); !ok || h.ReplyToMsgID != fwdID {
		t.Errorf("reply header = %+v, want reply to %d", got.Messages[2].(*tg.Message).ReplyTo, fwdID)
	}
	if got.Messages[3].GetID() != fwdID {
		t.Errorf("inputMessageReplyTo gave %d, want %d", got.Messages[3].GetID(), fwdID)
	}
	if _, ok := got.Messages[4].(*tg.MessageEmpty); !ok {
		t.Errorf("unknown id gave %T, want messageEmpty", got.Messages[4])
	}
	phones := map[int64]string{}
	for _, u := range got.Users {
		phones[u.(*tg.User).ID] = u.(*tg.User).Phone
	}
	if _, ok := phones[m.zed.ID]; !ok || phones[m.zed.ID] != "" || phones[m.bob.ID] == "" {
		t.Errorf("users %v: want zed without phone and bob, a contact, with", phones)
	}
	if r := m.e.Replies(m.a.ID, fwdID); len(r) != 1 || r[0].ID != replyID {
		t.Errorf("Replies = %v, want [%d]", r, replyID)
	}
}

func checkHistoryPages(t *testing.T, m messaging) {
	pat := m.e.AddUser(emulator.UserSpec{FirstName: "Pat"})
	var want []int
	for i := range 25 {
		id, err := m.e.Deliver(pat.ID, m.a.ID, emulator.Message{Text: fmt.Sprint(i)})
		if err != nil {
			t.Fatal(err)
		}
		want = append([]int{id}, want...)
	}
	var got []int
	offset := 0
	for range 10 {
		res, err := m.c.api.MessagesGetHistory(m.ctx, &tg.MessagesGetHistoryRequest{Peer: peerUser(pat), OffsetID: offset, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		page := res.(*tg.MessagesMessagesSlice)
		if page.Count != 25 {
			t.Errorf("count = %d, want 25", page.Count)
		}
		if len(page.Messages) == 0 {
			break
		}
		for _, msg := range page.Messages {
			got = append(got, msg.GetID())
		}
		offset = got[len(got)-1]
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paged ids %v, want %v", got, want)
	}
	res, err := m.c.api.MessagesGetHistory(m.ctx, &tg.MessagesGetHistoryRequest{Peer: peerUser(pat), Limit: 100, MinID: want[5], MaxID: want[1]})
	if err != nil {
		t.Fatal(err)
	}
	if ids := ids(res.(*tg.MessagesMessagesSlice).Messages); fmt.Sprint(ids) != fmt.Sprint(want[2:5]) {
		t.Errorf("min/max ids gave %v, want %v", ids, want[2:5])
	}
}

func ids(msgs []tg.MessageClass) []int {
	out := make([]int, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, m.GetID())
	}
	return out
}
