package emulator_test

import (
	"context"
	"testing"

	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// chatInbox is an inbox that also collects channel messages.
func chatInbox() (*inbox, chan *tg.Message) {
	in := newInbox()
	channel := make(chan *tg.Message, 16)
	in.d.OnNewChannelMessage(func(ctx context.Context, _ tg.Entities, u *tg.UpdateNewChannelMessage) error {
		select {
		case channel <- u.Message.(*tg.Message):
		case <-ctx.Done():
		}
		return nil
	})
	return in, channel
}

// TestGroupsAndChannels: messages in a basic group and in a channel or supergroup reach
// a plain gotd client as Telegram sends them: updateNewMessage with a
// peerChat from the account's common box, updateNewChannelMessage with a
// peerChannel from the channel's own box (read by getChannelDifference);
// out is set on the account's own messages only.
func TestGroupsAndChannels(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := newAccount(e, "ann", "")
	zed := e.AddUser(emulator.UserSpec{FirstName: "Zed", Username: "zed"})
	ctx := testContext(t)
	in, channel := chatInbox()
	m := updates.New(updates.Config{Handler: in.d, Storage: newStateStore()})
	c := connect(t, e, nil, m)
	self := login(t, ctx, c, a)
	st, err := c.api.UpdatesGetState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.runUpdates(t, m, self.ID)

	group := e.AddChat(emulator.ChatSpec{Title: "friends", Members: []int64{a.ID, zed.ID}})
	for _, from := range []emulator.User{zed, a.User} {
		if _, err := e.PostToChat(group.ID, from.ID, emulator.Message{Text: "group from " + from.Username}); err != nil {
			t.Fatal(err)
		}
		got := in.next(t, ctx, withText("group from "+from.Username)).(*tg.Message)
		peer, ok := got.PeerID.(*tg.PeerChat)
		sender, _ := got.FromID.(*tg.PeerUser)
		if !ok || peer.ChatID != group.ID || sender == nil || sender.UserID != from.ID || got.Out != (from.ID == a.ID) {
			t.Errorf("group message from @%s: peer %v from %v out %v", from.Username, got.PeerID, got.FromID, got.Out)
		}
	}
	// The common difference brings them again, with their chat.
	diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: st.Pts, Date: st.Date})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := diff.(*tg.UpdatesDifference)
	if !ok || len(d.NewMessages) != 2 || len(d.Chats) != 1 || d.Chats[0].GetID() != group.ID {
		t.Fatalf("difference after the group messages: %+v", diff)
	}

	for _, kind := range []emulator.ChatKind{emulator.Supergroup, emulator.Channel} {
		ch := e.AddChat(emulator.ChatSpec{Title: "news", Kind: kind, Members: []int64{a.ID, zed.ID}})
		for _, from := range []emulator.User{zed, a.User} {
			id, err := e.PostToChat(ch.ID, from.ID, emulator.Message{Text: "channel from " + from.Username})
			if err != nil {
				t.Fatal(err)
			}
			var got *tg.Message
			select {
			case got = <-channel:
			case <-ctx.Done():
				t.Fatalf("kind %d: no channel message", kind)
			}
			peer, ok := got.PeerID.(*tg.PeerChannel)
			if !ok || peer.ChannelID != ch.ID || got.ID != id || got.Out != (from.ID == a.ID) || got.Message != "channel from "+from.Username {
				t.Errorf("kind %d, from @%s: got id %d %q peer %v out %v", kind, from.Username, got.ID, got.Message, got.PeerID, got.Out)
			}
			if _, signed := got.FromID.(*tg.PeerUser); signed != (kind == emulator.Supergroup) {
				t.Errorf("kind %d: from %v", kind, got.FromID)
			}
		}
		checkChannelDifference(t, ctx, c, ch)
	}
	if n := len(e.ChatHistory(a.ID, group.ID)); n != 2 {
		t.Errorf("group history: %d messages, want 2", n)
	}
}

// checkChannelDifference: the channel's box after a pts, and its errors.
func checkChannelDifference(t *testing.T, ctx context.Context, c *client, ch emulator.Chat) {
	t.Helper()
	in := &tg.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash}
	res, err := c.api.UpdatesGetChannelDifference(ctx, &tg.UpdatesGetChannelDifferenceRequest{
		Channel: in, Filter: &tg.ChannelMessagesFilterEmpty{}, Pts: 1, Limit: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := res.(*tg.UpdatesChannelDifference)
	if !ok || !d.Final || d.Pts != 2 || len(d.NewMessages) != 1 || len(d.Chats) != 1 {
		t.Fatalf("channel difference after pts 1: %+v", res)
	}
	res, err = c.api.UpdatesGetChannelDifference(ctx, &tg.UpdatesGetChannelDifferenceRequest{
		Channel: in, Filter: &tg.ChannelMessagesFilterEmpty{}, Pts: 2, Limit: 10,
	})
	if _, ok := res.(*tg.UpdatesChannelDifferenceEmpty); err != nil || !ok {
		t.Fatalf("channel difference at the top: %+v, %v", res, err)
	}
	_, err = c.api.UpdatesGetChannelDifference(ctx, &tg.UpdatesGetChannelDifferenceRequest{
		Channel: &tg.InputChannel{ChannelID: ch.ID, AccessHash: ch.AccessHash + 1}, Filter: &tg.ChannelMessagesFilterEmpty{}, Pts: 1, Limit: 10,
	})
	if !tgerr.Is(err, "CHANNEL_INVALID") {
		t.Fatalf("wrong access hash: %v, want CHANNEL_INVALID", err)
	}
}

// TestRedeliver: a message pushed again arrives again with a fresh pts,
// and getDifference from before it brings both deliveries.
func TestRedeliver(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	id, err := e.Post(a.ID, emulator.Message{Text: "once"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Redeliver(a.ID, id); err != nil {
		t.Fatal(err)
	}
	if err := e.Redeliver(a.ID, id+100); err == nil {
		t.Error("redelivered a message that does not exist")
	}
	diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: 0, Date: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := diff.(*tg.UpdatesDifference)
	if !ok || d.State.Pts != 2 || len(d.NewMessages) != 2 || d.NewMessages[0].GetID() != id || d.NewMessages[1].GetID() != id {
		t.Fatalf("difference after a redelivery: %+v", diff)
	}
}
