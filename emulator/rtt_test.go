package emulator_test

import (
	"sync"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestRTT: every answer waits for the RTT, and the wait never holds up the
// connection: calls sent together are all handled before any is answered.
func TestRTT(t *testing.T) {
	t.Parallel()
	const rtt = 200 * time.Millisecond
	e := start(t, emulator.Options{RTT: rtt})
	if e.RTT() != rtt {
		t.Fatalf("RTT() = %v, want the option's %v", e.RTT(), rtt)
	}
	_, c := loggedIn(t, e)
	ctx := testContext(t)

	const calls = 8
	after := e.LastSeq()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first time.Time // when the first answer reached the client
	)
	for range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			begin := time.Now()
			if _, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{}); err != nil {
				t.Error(err)
				return
			}
			end := time.Now()
			if took := end.Sub(begin); took < rtt {
				t.Errorf("answered after %v, want at least the RTT %v", took, rtt)
			}
			mu.Lock()
			if first.IsZero() || end.Before(first) {
				first = end
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	var handled []emulator.Event
	for _, ev := range e.Events()[after:] {
		if ev.Kind == emulator.EventRPC && ev.Method == "users.getFullUser" {
			handled = append(handled, ev)
		}
	}
	if len(handled) != calls {
		t.Fatalf("%d calls handled, want %d", len(handled), calls)
	}
	for _, ev := range handled {
		if !ev.Time.Before(first) {
			t.Errorf("a call was handled at %v, after the first answer arrived at %v: the RTT held up the read loop", ev.Time, first)
		}
	}

	e.SetRTT(0)
	if e.RTT() != 0 {
		t.Fatalf("RTT() = %v after SetRTT(0)", e.RTT())
	}
	if _, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{}); err != nil {
		t.Fatal(err)
	}
}
