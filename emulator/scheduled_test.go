package emulator_test

import (
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestScheduledMessages: a reminder sent with schedule_date waits in the
// schedule queue, is no message of Saved Messages until it is due, and
// then comes as a new message with a new id and from_scheduled, and in
// updates.getDifference.
func TestScheduledMessages(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	e := start(t, emulator.Options{Now: func() time.Time { return now }})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	state, err := c.api.UpdatesGetState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := now.Add(time.Hour)
	res, err := c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{
		Peer: &tg.InputPeerSelf{}, Message: "/help", RandomID: 5, ScheduleDate: int(at.Unix()),
	})
	if err != nil {
		t.Fatal(err)
	}
	var queued *tg.Message
	for _, u := range res.(*tg.Updates).Updates {
		if u, ok := u.(*tg.UpdateNewScheduledMessage); ok {
			queued, _ = u.Message.(*tg.Message)
		}
	}
	if queued == nil || !queued.FromScheduled || queued.Date != int(at.Unix()) {
		t.Fatalf("sendMessage with schedule_date answered %v, want updateNewScheduledMessage", res)
	}
	if n := countText(e.SavedMessages(a.ID), "/help"); n != 0 {
		t.Errorf("a reminder not yet due is in Saved Messages %d times", n)
	}
	hist, err := c.api.MessagesGetScheduledHistory(ctx, &tg.MessagesGetScheduledHistoryRequest{Peer: &tg.InputPeerSelf{}})
	if err != nil {
		t.Fatal(err)
	}
	if msgs := hist.(*tg.MessagesMessages).Messages; len(msgs) != 1 || msgs[0].GetID() != queued.ID {
		t.Errorf("scheduled history = %v, want the reminder", msgs)
	}
	if ids := e.SendScheduled(at.Add(-time.Minute)); len(ids) != 0 {
		t.Errorf("sent %v before the reminder's date", ids)
	}

	ids := e.SendScheduled(at)
	if len(ids) != 1 {
		t.Fatalf("sent %v when the date came, want the reminder", ids)
	}
	fired, ok := e.Message(a.ID, ids[0])
	if m, isMsg := fired.(*tg.Message); !ok || !isMsg || !m.FromScheduled || !m.Out || m.Message != "/help" {
		t.Fatalf("the fired reminder is %+v, want an outgoing /help from_scheduled", fired)
	}
	diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: state.Pts, Date: state.Date})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := diff.(*tg.UpdatesDifference)
	if !ok || len(d.NewMessages) != 1 || d.NewMessages[0].GetID() != ids[0] {
		t.Errorf("getDifference = %v, want the fired reminder", diff)
	}
	hist, _ = c.api.MessagesGetScheduledHistory(ctx, &tg.MessagesGetScheduledHistoryRequest{Peer: &tg.InputPeerSelf{}})
	if msgs := hist.(*tg.MessagesMessages).Messages; len(msgs) != 0 {
		t.Errorf("scheduled history after sending = %v, want none", msgs)
	}

	_, err = c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{
		Peer: &tg.InputPeerSelf{}, Message: "next year", RandomID: 6, ScheduleDate: int(now.AddDate(2, 0, 0).Unix()),
	})
	if !tgerr.Is(err, "SCHEDULE_DATE_TOO_LATE") {
		t.Errorf("a reminder two years ahead: %v, want SCHEDULE_DATE_TOO_LATE", err)
	}
}

// TestScheduledMessagesFireOnTheirOwn: as Telegram, the emulator sends a
// reminder when its date comes, without being told.
func TestScheduledMessagesFireOnTheirOwn(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := e.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Ann", Phone: "+15550142"}})
	if _, err := e.Schedule(a.ID, emulator.Message{Text: "now"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	for countText(e.SavedMessages(a.ID), "now") == 0 {
		select {
		case <-ctx.Done():
			t.Fatal("the reminder never fired")
		case <-time.After(10 * time.Millisecond):
		}
	}
}
