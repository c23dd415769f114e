package emulator_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/tg"

	"persona/emulator"
)

// texts are the texts of the messages, in order.
func texts(msgs []tg.MessageClass) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if msg, ok := m.(*tg.Message); ok {
			out = append(out, msg.Message)
		}
	}
	return out
}

func TestGetDifference(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{DifferenceSlice: 2, DifferenceTooLong: 6})
	a, c := loggedIn(t, e)
	ctx := testContext(t)

	st, err := c.api.UpdatesGetState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pts != 0 {
		t.Fatalf("fresh pts = %d, want 0", st.Pts)
	}
	for i := 1; i <= 5; i++ {
		if _, err := e.Post(a.ID, emulator.Message{Text: fmt.Sprintf("m%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := c.api.UpdatesGetState(ctx); err != nil || st.Pts != 5 {
		t.Fatalf("pts after 5 posts = %v, %v; want 5", st, err)
	}

	for _, tt := range []struct {
		pts, limit int
		want       string // difference | slice | empty | too long
		texts      string
		newPts     int
	}{
		{pts: 0, want: "slice", texts: "[m1 m2]", newPts: 2},
		{pts: 2, want: "slice", texts: "[m3 m4]", newPts: 4},
		{pts: 4, want: "difference", texts: "[m5]", newPts: 5},
		{pts: 5, want: "empty"},
		{pts: 9, want: "empty"},
		{pts: 3, limit: 1, want: "slice", texts: "[m4]", newPts: 4},
	} {
		diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: tt.pts, PtsTotalLimit: tt.limit, Date: st.Date})
		if err != nil {
			t.Fatalf("getDifference(%d): %v", tt.pts, err)
		}
		got, gotTexts, gotPts := describe(diff)
		if got != tt.want || gotTexts != tt.texts || gotPts != tt.newPts {
			t.Errorf("getDifference(pts %d, limit %d) = %s %s pts %d; want %s %s pts %d",
				tt.pts, tt.limit, got, gotTexts, gotPts, tt.want, tt.texts, tt.newPts)
		}
	}

	// Beyond DifferenceTooLong the client must refetch its state.
	for i := 6; i <= 7; i++ {
		if _, err := e.Post(a.ID, emulator.Message{Text: fmt.Sprintf("m%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: 0, Date: st.Date})
	if err != nil {
		t.Fatal(err)
	}
	if tl, ok := diff.(*tg.UpdatesDifferenceTooLong); !ok || tl.Pts != 7 {
		t.Fatalf("getDifference over a gap of 7 = %#v, want differenceTooLong with pts 7", diff)
	}
	if diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: 1, Date: st.Date}); err != nil {
		t.Fatal(err)
	} else if _, ok := diff.(*tg.UpdatesDifferenceSlice); !ok {
		t.Fatalf("getDifference over a gap of 6 = %T, want a slice", diff)
	}

	// Edits are other updates, with the users they mention.
	if err := e.Edit(a.ID, 7, "m7 edited"); err != nil {
		t.Fatal(err)
	}
	diff, err = c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: 7, Date: st.Date})
	if err != nil {
		t.Fatal(err)
	}
	full, ok := diff.(*tg.UpdatesDifference)
	if !ok || len(full.OtherUpdates) != 1 || full.State.Pts != 8 {
		t.Fatalf("difference after an edit = %#v", diff)
	}
	edit, ok := full.OtherUpdates[0].(*tg.UpdateEditMessage)
	if !ok || edit.Message.(*tg.Message).Message != "m7 edited" {
		t.Fatalf("other update = %#v, want the edit", full.OtherUpdates[0])
	}
	if len(full.Users) != 1 || full.Users[0].(*tg.User).ID != a.ID {
		t.Errorf("users = %v, want the account", full.Users)
	}
	// A message edited within the gap comes once, as it is now.
	diff, err = c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: 6, Date: st.Date})
	if err != nil {
		t.Fatal(err)
	}
	if full, ok := diff.(*tg.UpdatesDifference); !ok || fmt.Sprint(texts(full.NewMessages)) != "[m7 edited]" || len(full.OtherUpdates) != 0 {
		t.Fatalf("difference over a new and edited message = %#v, want only the edited message", diff)
	}
}

// describe names a difference, its message texts and its new pts.
func describe(d tg.UpdatesDifferenceClass) (kind, msgs string, pts int) {
	switch d := d.(type) {
	case *tg.UpdatesDifferenceEmpty:
		return "empty", "", 0
	case *tg.UpdatesDifference:
		return "difference", fmt.Sprint(texts(d.NewMessages)), d.State.Pts
	case *tg.UpdatesDifferenceSlice:
		return "slice", fmt.Sprint(texts(d.NewMessages)), d.IntermediateState.Pts
	case *tg.UpdatesDifferenceTooLong:
		return "too long", "", d.Pts
	}
	return fmt.Sprintf("%T", d), "", 0
}

// gotd's updates manager gets pushes in order, fills a gap by itself and
// keeps receiving after the emulator drops its connection.
func TestUpdatesManager(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := newAccount(e, "ann", "")
	stranger := e.AddUser(emulator.UserSpec{FirstName: "Zed", Username: "zed"})
	ctx := testContext(t)
	in := newInbox()
	edits := make(chan *tg.Message, 8)
	in.d.OnEditMessage(func(_ context.Context, _ tg.Entities, u *tg.UpdateEditMessage) error {
		edits <- u.Message.(*tg.Message)
		return nil
	})
	m := updates.New(updates.Config{Handler: in.d, Storage: newStateStore()})
	c := connect(t, e, nil, m)
	self := login(t, ctx, c, a)
	c.runUpdates(t, m, self.ID)

	id, err := e.Post(a.ID, emulator.Message{Text: "saved"})
	if err != nil {
		t.Fatal(err)
	}
	got := in.next(t, ctx, withText("saved")).(*tg.Message)
	if got.ID != id || !got.Out {
		t.Errorf("pushed post = id %d out %v, want id %d out", got.ID, got.Out, id)
	}
	if _, err := e.Deliver(stranger.ID, a.ID, emulator.Message{Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	got = in.next(t, ctx, withText("hello")).(*tg.Message)
	if from, ok := got.FromID.(*tg.PeerUser); got.Out || !ok || from.UserID != stranger.ID {
		t.Errorf("pushed delivery: out %v from %v, want incoming from %d", got.Out, got.FromID, stranger.ID)
	}

	if err := e.Edit(a.ID, id, "saved, edited"); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-edits:
		if m.Message != "saved, edited" || m.ID != id {
			t.Errorf("edit = %d %q", m.ID, m.Message)
		}
	case <-ctx.Done():
		t.Fatal("no edit arrived")
	}

	// A deletion in another app is pushed as updateDeleteMessages.
	deleted := make(chan []int, 8)
	in.d.OnDeleteMessages(func(_ context.Context, _ tg.Entities, u *tg.UpdateDeleteMessages) error {
		deleted <- u.Messages
		return nil
	})
	if n := e.DeleteMessages(a.ID, id); n != 1 {
		t.Fatalf("deleted %d, want 1", n)
	}
	select {
	case ids := <-deleted:
		if len(ids) != 1 || ids[0] != id {
			t.Errorf("deleted = %v, want [%d]", ids, id)
		}
	case <-ctx.Done():
		t.Fatal("no deletion arrived")
	}

	// The client's own send advances pts without a push to it; the next
	// push shows a gap that the manager fills with getDifference.
	if _, err := c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: "sent", RandomID: 42}); err != nil {
		t.Fatal(err)
	}
	after := e.LastSeq()
	if _, err := e.Post(a.ID, emulator.Message{Text: "after"}); err != nil {
		t.Fatal(err)
	}
	in.next(t, ctx, withText("sent"))
	in.next(t, ctx, withText("after"))
	if _, err := e.WaitEvent(ctx, after, func(ev emulator.Event) bool { return ev.Method == "updates.getDifference" }); err != nil {
		t.Error("the gap was not filled by updates.getDifference")
	}

	// A dropped connection: gotd reconnects by itself and, with updates on,
	// asks for itself; pushes then reach the new connection.
	after = e.LastSeq()
	e.Disconnect(a.ID)
	if _, err := e.WaitEvent(ctx, after, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.UserID == a.ID && ev.Err == nil
	}); err != nil {
		t.Fatalf("the client did not come back: %v", err)
	}
	if _, err := e.Post(a.ID, emulator.Message{Text: "after reconnect"}); err != nil {
		t.Fatal(err)
	}
	in.next(t, ctx, withText("after reconnect"))
	if _, err := c.api.UpdatesGetState(ctx); err != nil {
		t.Fatalf("call after reconnect: %v", err)
	}
	if !e.Online(a.ID) {
		t.Error("Online = false after reconnect")
	}
}
