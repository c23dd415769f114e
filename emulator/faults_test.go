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
	f := newFixture(t, start(t, emulator.Options{}))
	for _, tt := range []struct {
		name  string
		check func(*testing.T, fixture)
	}{
		{"Fail fails the next calls of a method with its error, and the log has them", checkFailCounts},
		{"an injected Internal is a 500 INTERNAL", checkFailInternal},
		{"faults are per method and ClearFaults drops what is left", checkFaultsPerMethod},
		{"each injected error is taken once, even by calls served at once", checkFailTakenOnce},
		{"a call held by Delay does not hold the others on its connection", checkDelayHolds},
		{"Delay holds an answer for at least its length", checkDelayLength},
		{"a zero Delay removes the delay", checkDelayRemoved},
		{"an unknown method is refused with an RPC error naming it, and logged", checkUnknownMethod},
		{"the event log has an RPC and then the push it made", checkEventLog},
		{"WaitEvent returns an event it waited for and ends with its context", checkWaitEvent},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Cleanup(f.e.ClearFaults) // no fault outlives its subtest
			tt.check(t, f)
		})
	}
}

// failingMethod is the method the Fail subtests inject errors into.
const failingMethod = "contacts.getContacts"

func getContacts(f fixture) error {
	_, err := f.c.api.ContactsGetContacts(f.ctx, 0)
	return err
}

func checkFailCounts(t *testing.T, f fixture) {
	before := len(f.e.Calls(failingMethod))
	f.e.Fail(failingMethod, emulator.FloodWait(3), 2)
	for i := range 2 {
		if d, ok := tgerr.AsFloodWait(getContacts(f)); !ok || d != 3*time.Second {
			t.Fatalf("call %d: want FLOOD_WAIT_3", i+1)
		}
	}
	if err := getContacts(f); err != nil {
		t.Fatalf("third call: %v", err)
	}
	calls := f.e.Calls(failingMethod)[before:]
	if len(calls) != 3 || calls[0].Err == nil || calls[1].Err == nil || calls[0].Err.Type != "FLOOD_WAIT" || calls[1].Err.Argument != 3 || calls[2].Err != nil || calls[2].Result == nil {
		t.Fatalf("calls = %+v, want two FLOOD_WAIT_3 then a result", calls)
	}
}

func checkFailInternal(t *testing.T, f fixture) {
	f.e.Fail(failingMethod, emulator.Internal(), 1)
	if err := getContacts(f); !tgerr.Is(err, "INTERNAL") || !tgerr.IsCode(err, 500) {
		t.Fatalf("err = %v, want 500 INTERNAL", err)
	}
	if err := getContacts(f); err != nil {
		t.Fatalf("after the injected error: %v", err)
	}
}

func checkFaultsPerMethod(t *testing.T, f fixture) {
	f.e.Fail(failingMethod, emulator.FloodWait(1), 5)
	if _, err := f.c.api.UpdatesGetState(f.ctx); err != nil {
		t.Fatalf("another method: %v", err)
	}
	f.e.ClearFaults()
	if err := getContacts(f); err != nil {
		t.Fatalf("after ClearFaults: %v", err)
	}
}

func checkFailTakenOnce(t *testing.T, f fixture) {
	const concurrent, failures = 40, 10
	f.e.Delay(failingMethod, 50*time.Millisecond) // served together, off the read loop
	f.e.Fail(failingMethod, emulator.FloodWait(1), failures)
	errs := make(chan error, concurrent)
	for range concurrent {
		go func() { errs <- getContacts(f) }()
	}
	n := 0
	for range concurrent {
		if err := <-errs; tgerr.Is(err, "FLOOD_WAIT") {
			n++
		} else if err != nil {
			t.Errorf("unexpected error: %v", err)
		}
	}
	if n != failures {
		t.Errorf("%d concurrent calls failed, want %d", n, failures)
	}
}

// delayedMethod is the method the Delay subtests hold.
const delayedMethod = "users.getFullUser"

func getFullUser(ctx context.Context, f fixture) error {
	_, err := f.c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{})
	return err
}

// checkDelayHolds holds a call for longer than the test: it is in flight
// while another one on the same connection is answered.
func checkDelayHolds(t *testing.T, f fixture) {
	f.e.Delay(delayedMethod, time.Hour)
	held := f.e.Held(delayedMethod)
	heldCtx, cancelHeld := context.WithCancel(f.ctx)
	defer cancelHeld() // its answer would come after the test
	slow := make(chan error, 1)
	go func() { slow <- getFullUser(heldCtx, f) }()
	if err := f.e.WaitHeld(f.ctx, delayedMethod, held); err != nil {
		t.Fatalf("the delayed call was never held: %v", err)
	}
	if _, err := f.c.api.ContactsGetContacts(f.ctx, 0); err != nil {
		t.Fatalf("a call beside a held one: %v", err)
	}
	select {
	case err := <-slow:
		t.Fatalf("a call held for an hour was answered: %v", err)
	default:
	}
}

// checkDelayLength checks a lower bound, which only grows on a loaded
// machine.
func checkDelayLength(t *testing.T, f fixture) {
	const delay = 300 * time.Millisecond
	f.e.Delay(delayedMethod, delay)
	begin := time.Now()
	if err := getFullUser(f.ctx, f); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(begin); took < delay {
		t.Fatalf("delayed call took %v, want at least %v", took, delay)
	}
}

// checkDelayRemoved: after zero the call is not held, so it is answered at
// all (were it held for the hour, ctx would end first).
func checkDelayRemoved(t *testing.T, f fixture) {
	f.e.Delay(delayedMethod, time.Hour)
	f.e.Delay(delayedMethod, 0)
	held := f.e.Held(delayedMethod)
	if err := getFullUser(f.ctx, f); err != nil {
		t.Fatalf("call after removing the delay: %v", err)
	}
	if n := f.e.Held(delayedMethod) - held; n != 0 {
		t.Errorf("%d calls held after removing the delay", n)
	}
}

func checkUnknownMethod(t *testing.T, f fixture) {
	_, err := f.c.api.MessagesGetDialogs(f.ctx, &tg.MessagesGetDialogsRequest{OffsetPeer: &tg.InputPeerEmpty{}, Limit: 10})
	if rpcErr, ok := tgerr.As(err); !ok || !strings.Contains(rpcErr.Message, "messages.getDialogs") {
		t.Fatalf("err = %v, want an RPC error naming messages.getDialogs", err)
	}
	calls := f.e.Calls("messages.getDialogs")
	if len(calls) != 1 || calls[0].Err == nil || calls[0].UserID != f.a.ID {
		t.Fatalf("logged calls = %+v, want one failed call of the account", calls)
	}
}

func checkEventLog(t *testing.T, f fixture) {
	after := f.e.LastSeq()
	if err := getFullUser(f.ctx, f); err != nil {
		t.Fatal(err)
	}
	if _, err := f.e.Post(f.a.ID, emulator.Message{Text: "logged"}); err != nil {
		t.Fatal(err)
	}
	evs := f.e.Events()[after:]
	if len(evs) != 2 {
		t.Fatalf("%d events, want an RPC and a push: %+v", len(evs), evs)
	}
	rpc, pushed := evs[0], evs[1]
	if _, ok := rpc.Request.(*tg.UsersGetFullUserRequest); rpc.Kind != emulator.EventRPC || rpc.Method != "users.getFullUser" || !ok || rpc.UserID != f.a.ID || rpc.Time.IsZero() {
		t.Errorf("rpc event = %+v", rpc)
	}
	if full, ok := rpc.Result.(*tg.UsersUserFull); !ok || full.FullUser.ID != f.a.ID {
		t.Errorf("rpc result = %T", rpc.Result)
	}
	u, ok := pushed.Result.(*tg.Updates)
	if pushed.Kind != emulator.EventPush || !ok || pushed.UserID != f.a.ID || pushed.Seq != rpc.Seq+1 || pushed.Err != nil {
		t.Fatalf("push event = %+v", pushed)
	}
	if nm, ok := u.Updates[0].(*tg.UpdateNewMessage); !ok || !withText("logged")(nm.Message) {
		t.Errorf("pushed %v, want the new message", u.Updates)
	}
}

// checkWaitEvent makes the call once WaitEvent has read the log up to the
// last event: the event it returns is one it had to wait for.
func checkWaitEvent(t *testing.T, f fixture) {
	last := f.e.LastSeq()
	var once sync.Once
	ev, err := f.e.WaitEvent(f.ctx, last-1, func(ev emulator.Event) bool {
		once.Do(func() { go func() { _, _ = f.c.api.UpdatesGetState(f.ctx) }() })
		return ev.Seq > last && ev.Method == "updates.getState"
	})
	if _, ok := ev.Result.(*tg.UpdatesState); err != nil || ev.Seq <= last || !ok {
		t.Fatalf("WaitEvent = %+v, %v", ev, err)
	}
	ended, cancel := context.WithCancel(f.ctx)
	cancel()
	if _, err := f.e.WaitEvent(ended, f.e.LastSeq(), func(emulator.Event) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Fatalf("WaitEvent without events: err = %v, want the context's error", err)
	}
}
