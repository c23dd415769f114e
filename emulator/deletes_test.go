package emulator_test

import (
	"slices"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestDeleteMessages: messages.deleteMessages deletes what the box holds,
// passes over the rest (pts_count 0 when nothing was deleted), and the
// deletion is an updateDeleteMessages in the difference and in a push;
// a deleted message cannot be edited, nor its random_id used again.
func TestDeleteMessages(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	res, err := c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: "reply", RandomID: 42})
	if err != nil {
		t.Fatal(err)
	}
	mine := sent(t, res, 42).ID
	posted, err := e.Post(a.ID, emulator.Message{Text: "typed on the phone"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.api.UpdatesGetState(ctx)
	if err != nil {
		t.Fatal(err)
	}

	aff, err := c.api.MessagesDeleteMessages(ctx, &tg.MessagesDeleteMessagesRequest{Revoke: true, ID: []int{mine, 9999}})
	if err != nil {
		t.Fatal(err)
	}
	if aff.Pts != st.Pts+1 || aff.PtsCount != 1 {
		t.Errorf("deleting one of two ids: pts %d count %d, want %d and 1", aff.Pts, aff.PtsCount, st.Pts+1)
	}
	if _, ok := e.Message(a.ID, mine); ok {
		t.Error("the deleted message is still there")
	}
	again, err := c.api.MessagesDeleteMessages(ctx, &tg.MessagesDeleteMessagesRequest{Revoke: true, ID: []int{mine}})
	if err != nil || again.Pts != aff.Pts || again.PtsCount != 0 {
		t.Errorf("deleting it again = %+v, %v; want pts %d, pts_count 0", again, err, aff.Pts)
	}

	_, err = c.api.MessagesEditMessage(ctx, &tg.MessagesEditMessageRequest{Peer: &tg.InputPeerSelf{}, ID: mine, Message: "edited"})
	if !tgerr.Is(err, "MESSAGE_ID_INVALID") {
		t.Errorf("editing a deleted message: %v, want MESSAGE_ID_INVALID", err)
	}
	_, err = c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: "reply", RandomID: 42})
	if !tgerr.Is(err, "RANDOM_ID_DUPLICATE") {
		t.Errorf("sending again with a deleted message's random_id: %v, want RANDOM_ID_DUPLICATE", err)
	}

	// As the owner's phone: pushed to the account's sessions.
	seq := e.LastSeq()
	if n := e.DeleteMessages(a.ID, posted, 9999); n != 1 {
		t.Errorf("DeleteMessages deleted %d, want 1", n)
	}
	if !pushedDeletion(e.Events()[seq:], posted) {
		t.Error("no updateDeleteMessages pushed to the account's session")
	}

	diff, err := c.api.UpdatesGetDifference(ctx, &tg.UpdatesGetDifferenceRequest{Pts: st.Pts - 1, Date: st.Date})
	if err != nil {
		t.Fatal(err)
	}
	full, ok := diff.(*tg.UpdatesDifference)
	if !ok {
		t.Fatalf("difference = %T", diff)
	}
	if len(full.NewMessages) != 0 {
		t.Errorf("the difference brings deleted messages anew: %v", texts(full.NewMessages))
	}
	var deleted []int
	for _, u := range full.OtherUpdates {
		if d, ok := u.(*tg.UpdateDeleteMessages); ok {
			deleted = append(deleted, d.Messages...)
		}
	}
	if !slices.Equal(deleted, []int{mine, posted}) {
		t.Errorf("the difference deletes %v, want [%d %d]", deleted, mine, posted)
	}
}

// pushedDeletion reports whether events hold a push deleting id.
func pushedDeletion(events []emulator.Event, id int) bool {
	for _, ev := range events {
		u, ok := ev.Result.(*tg.Updates)
		if ev.Kind != emulator.EventPush || !ok {
			continue
		}
		for _, up := range u.Updates {
			if d, ok := up.(*tg.UpdateDeleteMessages); ok && slices.Contains(d.Messages, id) {
				return true
			}
		}
	}
	return false
}
