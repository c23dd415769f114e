package emulator_test

import (
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestDropAnswer: the call is done, its answer is lost with the connection,
// and the client reconnects; a repeat with the same random_id is answered
// with the message already sent.
func TestDropAnswer(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	send := func() (tg.UpdatesClass, error) {
		return c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{
			Peer: &tg.InputPeerSelf{}, Message: "once", RandomID: 42,
		})
	}

	e.DropAnswer("messages.sendMessage", 1)
	if _, err := send(); err == nil {
		t.Fatal("the answer came, want it lost with the connection")
	}
	if n := len(e.SavedMessages(a.ID)); n != 1 {
		t.Fatalf("%d messages in Saved Messages, want the one sent before the answer was lost", n)
	}
	if _, err := send(); err != nil {
		t.Fatalf("the repeat after the reconnect: %v", err)
	}
	if n := len(e.SavedMessages(a.ID)); n != 1 {
		t.Fatalf("%d messages after the repeat, want 1", n)
	}
	if calls := e.Calls("messages.sendMessage"); len(calls) != 2 || calls[0].Err != nil {
		t.Fatalf("%d calls, want 2, the first done: %+v", len(calls), calls)
	}
}
