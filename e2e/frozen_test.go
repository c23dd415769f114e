package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// frozenLogged is the daemon's one line about a frozen account.
const frozenLogged = "Telegram has frozen this account"

// frozenWindow is how long the daemon is watched doing nothing more
// against a frozen account. Nothing is awaited here: the point is that
// nothing happens, which only a span of time can show. The retry ladder
// this replaces would have tried each command again at 2 and 7 s.
const frozenWindow = 20 * time.Second

// TestFrozenAccount: an account Telegram has frozen (420
// FROZEN_METHOD_INVALID) is told once in the log; over 20 s the daemon
// stays up, asks Telegram at most twice per command for each write method
// and answers nothing ❌; once the account is unfrozen and the hour is up,
// each command is answered ✅, once.
func TestFrozenAccount(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.FreezeAccount(w.me.ID)
	_, media := photo()
	ids := []int{
		w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media}),
		w.post(t, emulator.Message{Text: "/setphoto @bob", Media: media}),
	}
	waitLog(t, d, frozenLogged)
	time.Sleep(frozenWindow) // the observation window, see frozenWindow

	if d.exited() {
		t.Fatalf("the daemon exited %d on a frozen account\n%s", d.code, d.log())
	}
	if n := strings.Count(d.log(), frozenLogged); n != 1 {
		t.Errorf("the log says the account is frozen %d times, want once\n%s", n, d.log())
	}
	checkFrozenCalls(t, w, d, ids)
	for _, id := range ids {
		if r := w.emu.Replies(w.me.ID, id); len(r) != 0 {
			t.Fatalf("command %d answered while frozen: %q", id, texts(r))
		}
	}
	d.stop(t)

	w.emu.UnfreezeAccount(w.me.ID)
	w.env = []string{"PERSONA_CLOCK_SKEW=61m"} // the hour until the next try is up
	d = w.startDaemon(t)
	for _, id := range ids {
		wantPrefix(t, w.waitReply(t, d, id), "✅")
	}
	for _, u := range []emulator.User{w.alice, w.bob} {
		if _, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); !ok {
			t.Errorf("no personal photo for @%s after unfreezing", u.Username)
		}
	}
}

// checkFrozenCalls: each command reached Telegram at most twice with
// each write method: photos.uploadContactProfilePhoto for its contact and
// messages.sendMessage for its answer.
func checkFrozenCalls(t *testing.T, w *world, d *daemon, ids []int) {
	t.Helper()
	uploads := map[int64]int{}
	for _, req := range w.uploads(t) {
		if u, ok := req.UserID.(*tg.InputUser); ok {
			uploads[u.UserID]++
		}
	}
	for _, u := range []emulator.User{w.alice, w.bob} {
		if n := uploads[u.ID]; n > 2 {
			t.Errorf("%s for @%s called %d times while frozen, want at most 2\n%s", uploadMethod, u.Username, n, d.log())
		}
	}
	for _, id := range ids {
		answers := 0
		for _, ev := range w.emu.Calls("messages.sendMessage") {
			if emulator.RepliesTo(id)(ev.Request) {
				answers++
			}
		}
		if answers > 2 {
			t.Errorf("the answer to command %d sent %d times while frozen, want at most 2\n%s", id, answers, d.log())
		}
	}
}

// TestOther420Named: a 420 that is not FLOOD_WAIT_X nor
// FLOOD_PREMIUM_WAIT_X is no flood wait of 0 s: the call is not repeated
// at once, and the ❌ and the log name Telegram's error.
func TestOther420Named(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	for _, name := range []string{"SOME_OTHER_420", "FLOOD_WAIT"} {
		before := len(w.emu.Calls(uploadMethod))
		w.emu.Fail(uploadMethod, tgerr.New(420, name), 1)
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media}))
		wantPrefix(t, r, "❌")
		if !strings.Contains(r.Message, "@alice") || !strings.Contains(r.Message, name) {
			t.Errorf("reply %q does not name @alice and %s", r.Message, name)
		}
		if n := len(w.emu.Calls(uploadMethod)) - before; n != 1 {
			t.Errorf("after 420 %s: %d calls, want 1 (no wait of 0 s and a retry)", name, n)
		}
		// The outcome is logged just after the reply is sent.
		waitLog(t, d, `"outcome":"❌ @alice: failed \(`+name+`\)"`)
	}
}
