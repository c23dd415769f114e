package emulator_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestFaults injects errors and delays and reads the event log.
func TestFaults(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)

	t.Run("fail", func(t *testing.T) {
		const method = "contacts.getContacts"
		call := func() error {
			_, err := c.api.ContactsGetContacts(ctx, 0)
			return err
		}

		e.Fail(method, emulator.FloodWait(3), 2)
		for i := range 2 {
			if d, ok := tgerr.AsFloodWait(call()); !ok || d != 3*time.Second {
				t.Fatalf("call %d: want FLOOD_WAIT_3", i+1)
			}
		}
		if err := call(); err != nil {
			t.Fatalf("third call: %v", err)
		}
		calls := e.Calls(method)
		if len(calls) != 3 || calls[0].Err == nil || calls[1].Err == nil || calls[0].Err.Type != "FLOOD_WAIT" || calls[1].Err.Argument != 3 || calls[2].Err != nil || calls[2].Result == nil {
			t.Fatalf("calls = %+v, want two FLOOD_WAIT_3 then a result", calls)
		}

		e.Fail(method, emulator.Internal(), 1)
		if err := call(); !tgerr.Is(err, "INTERNAL") || !tgerr.IsCode(err, 500) {
			t.Fatalf("err = %v, want 500 INTERNAL", err)
		}
		if err := call(); err != nil {
			t.Fatalf("after the injected error: %v", err)
		}

		// Faults are per method, and ClearFaults drops what is left.
		e.Fail(method, emulator.FloodWait(1), 5)
		if _, err := c.api.UpdatesGetState(ctx); err != nil {
			t.Fatalf("another method: %v", err)
		}
		e.ClearFaults()
		if err := call(); err != nil {
			t.Fatalf("after ClearFaults: %v", err)
		}

		// Injected errors are taken exactly once, even by calls served at once.
		const concurrent, failures = 40, 10
		e.Delay(method, 50*time.Millisecond) // served together, off the read loop
		e.Fail(method, emulator.FloodWait(1), failures)
		errs := make(chan error, concurrent)
		for range concurrent {
			go func() { errs <- call() }()
		}
		failed := 0
		for range concurrent {
			if err := <-errs; tgerr.Is(err, "FLOOD_WAIT") {
				failed++
			} else if err != nil {
				t.Errorf("unexpected error: %v", err)
			}
		}
		if failed != failures {
			t.Errorf("%d concurrent calls failed, want %d", failed, failures)
		}
		e.ClearFaults()
	})

	t.Run("delay", func(t *testing.T) {
		const method = "users.getFullUser"
		getFullUser := func(ctx context.Context) error {
			_, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{})
			return err
		}

		// Held for longer than the test, the call is in flight while
		// another one on the same connection is answered.
		e.Delay(method, time.Hour)
		held := e.Held(method)
		heldCtx, cancelHeld := context.WithCancel(ctx)
		defer cancelHeld()
		slow := make(chan error, 1)
		go func() { slow <- getFullUser(heldCtx) }()
		if err := e.WaitHeld(ctx, method, held); err != nil {
			t.Fatalf("the delayed call was never held: %v", err)
		}
		if _, err := c.api.ContactsGetContacts(ctx, 0); err != nil {
			t.Fatalf("a call beside a held one: %v", err)
		}
		select {
		case err := <-slow:
			t.Fatalf("a call held for an hour was answered: %v", err)
		default:
		}
		cancelHeld() // its answer would come after the test

		// A delay holds the answer for at least its length: a lower bound,
		// which only grows on a loaded machine.
		const delay = 300 * time.Millisecond
		e.Delay(method, delay)
		begin := time.Now()
		if err := getFullUser(ctx); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(begin); took < delay {
			t.Fatalf("delayed call took %v, want at least %v", took, delay)
		}

		// Zero removes the delay: the call is not held, so it is answered
		// at all (were it held for the hour, ctx would end first).
		e.Delay(method, time.Hour)
		e.Delay(method, 0)
		held = e.Held(method)
		if err := getFullUser(ctx); err != nil {
			t.Fatalf("call after removing the delay: %v", err)
		}
		if n := e.Held(method) - held; n != 0 {
			t.Errorf("%d calls held after removing the delay", n)
		}
	})

	t.Run("unknown method", func(t *testing.T) {
		_, err := c.api.MessagesGetDialogs(ctx, &tg.MessagesGetDialogsRequest{OffsetPeer: &tg.InputPeerEmpty{}, Limit: 10})
		if rpcErr, ok := tgerr.As(err); !ok || !strings.Contains(rpcErr.Message, "messages.getDialogs") {
			t.Fatalf("err = %v, want an RPC error naming messages.getDialogs", err)
		}
		calls := e.Calls("messages.getDialogs")
		if len(calls) != 1 || calls[0].Err == nil || calls[0].UserID != a.ID {
			t.Fatalf("logged calls = %+v, want one failed call of the account", calls)
		}
	})

	t.Run("rpc and push", func(t *testing.T) {
		after := e.LastSeq()
		if _, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Post(a.ID, emulator.Message{Text: "logged"}); err != nil {
			t.Fatal(err)
		}
		evs := e.Events()[after:]
		if len(evs) != 2 {
			t.Fatalf("%d events, want an RPC and a push: %+v", len(evs), evs)
		}
		rpc, pushed := evs[0], evs[1]
		if _, ok := rpc.Request.(*tg.UsersGetFullUserRequest); rpc.Kind != emulator.EventRPC || rpc.Method != "users.getFullUser" || !ok || rpc.UserID != a.ID || rpc.Time.IsZero() {
			t.Errorf("rpc event = %+v", rpc)
		}
		if full, ok := rpc.Result.(*tg.UsersUserFull); !ok || full.FullUser.ID != a.ID {
			t.Errorf("rpc result = %T", rpc.Result)
		}
		u, ok := pushed.Result.(*tg.Updates)
		if pushed.Kind != emulator.EventPush || !ok || pushed.UserID != a.ID || pushed.Seq != rpc.Seq+1 || pushed.Err != nil {
			t.Fatalf("push event = %+v", pushed)
		}
		if nm, ok := u.Updates[0].(*tg.UpdateNewMessage); !ok || !withText("logged")(nm.Message) {
			t.Errorf("pushed %v, want the new message", u.Updates)
		}
	})

	t.Run("WaitEvent", func(t *testing.T) {
		// The call is made once WaitEvent has read the log up to the last
		// event: the event it returns is one it had to wait for.
		last := e.LastSeq()
		var once sync.Once
		ev, err := e.WaitEvent(ctx, last-1, func(ev emulator.Event) bool {
			once.Do(func() { go func() { _, _ = c.api.UpdatesGetState(ctx) }() })
			return ev.Seq > last && ev.Method == "updates.getState"
		})
		if _, ok := ev.Result.(*tg.UpdatesState); err != nil || ev.Seq <= last || !ok {
			t.Fatalf("WaitEvent = %+v, %v", ev, err)
		}
		ended, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := e.WaitEvent(ended, e.LastSeq(), func(emulator.Event) bool { return true }); !errors.Is(err, context.Canceled) {
			t.Fatalf("WaitEvent without events: err = %v, want the context's error", err)
		}
	})
}
