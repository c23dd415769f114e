package emulator_test

import (
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestFreezeAccount: a frozen account reads but may not send, also to its
// Saved Messages; unfrozen, it sends again.
func TestFreezeAccount(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	send := func(id int64) error {
		_, err := c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: "hi", RandomID: id})
		return err
	}

	e.FreezeAccount(a.ID)
	if err := send(1); !tgerr.Is(err, "FROZEN_METHOD_INVALID") || !tgerr.IsCode(err, 420) {
		t.Fatalf("send while frozen: %v, want 420 FROZEN_METHOD_INVALID", err)
	}
	if _, err := c.api.UpdatesGetState(ctx); err != nil {
		t.Fatalf("updates.getState while frozen: %v", err)
	}
	if _, err := c.api.ContactsGetContacts(ctx, 0); err != nil {
		t.Fatalf("contacts.getContacts while frozen: %v", err)
	}
	e.UnfreezeAccount(a.ID)
	if err := send(2); err != nil {
		t.Fatalf("send after unfreezing: %v", err)
	}
	calls := e.Calls("messages.sendMessage")
	if len(calls) != 2 || calls[0].Err == nil || calls[1].Err != nil {
		t.Fatalf("calls %+v: want the refused one and the one that went through", calls)
	}
}
