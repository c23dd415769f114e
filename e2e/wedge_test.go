package e2e_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// waitLog waits for the daemon's log to match re.
func waitLog(t testing.TB, d *daemon, re string) {
	t.Helper()
	rx := regexp.MustCompile(re)
	eventually(t, func() bool {
		if d.exited() {
			t.Fatalf("the daemon exited %d before its log matched %q\n%s", d.code, re, d.log())
		}
		return rx.MatchString(d.log())
	}, func() string { return fmt.Sprintf("the log never matched %q (%s)\n%s", re, d.state(), d.log()) })
}

// TestReplyAlwaysRefused: a command whose reply Telegram refuses every time
// holds nothing behind it: the next command is answered at once, the failing
// one is retried with growing waits that survive a restart, and after its
// last attempt (here: the clock an hour on) it is logged and closed instead
// of retried for ever.
func TestReplyAlwaysRefused(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	stuck := w.post(t, emulator.Message{Text: "/status"})
	unrefuse := w.emu.Refuse("messages.sendMessage", emulator.RepliesTo(stuck), tgerr.New(400, "MESSAGE_ID_INVALID"))
	defer unrefuse()
	next := w.post(t, emulator.Message{Text: "/help"})
	wantPrefix(t, w.waitReply(t, d, next), "✅")
	waitLog(t, d, fmt.Sprintf(`"msg":"Command failed; will retry","msg_id":%d,"attempt":2`, stuck))
	d.stop(t)

	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	waitLog(t, d, fmt.Sprintf(`"msg":"Command abandoned; its answer could not be sent either","msg_id":%d`, stuck))
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)

	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	if strings.Contains(d.log(), fmt.Sprintf(`"msg":"Resuming command","msg_id":%d`, stuck)) {
		t.Errorf("the abandoned command was resumed again:\n%s", d.log())
	}
}

// TestResumedFetchAlwaysFails: a command resumed after a restart whose
// message Telegram never returns does not hold the next command; after its
// last attempt it is answered ❌ with the reason.
func TestResumedFetchAlwaysFails(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	stuck := w.post(t, emulator.Message{Text: "/status"})
	unrefuse := w.emu.Refuse("messages.sendMessage", emulator.RepliesTo(stuck), emulator.Internal())
	waitLog(t, d, fmt.Sprintf(`"msg":"Command failed; will retry","msg_id":%d`, stuck))
	d.stop(t)
	unrefuse()
	defer w.emu.Refuse("messages.getMessages", emulator.FetchesMessage(stuck), emulator.Internal())()

	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/help"})), "✅")
	if r := w.emu.Replies(w.me.ID, stuck); len(r) != 0 {
		t.Fatalf("the command whose message cannot be fetched was answered: %q", texts(r))
	}
	d.stop(t)

	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	r := w.waitReply(t, d, stuck)
	if !regexp.MustCompile(`^❌ gave up after \d+ attempts over 2 h: Telegram answered INTERNAL$`).MatchString(r.Message) {
		t.Errorf("answer after the last attempt: %q", r.Message)
	}
}

// TestLongReplySplit: a /list of 150 contacts is longer than Telegram's
// 4096 characters; it goes on in further messages, in order, the first a
// reply to the command, and every contact is named. A restart does not
// send any part again.
func TestLongReplySplit(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	var names []string
	for i := range 150 {
		name := fmt.Sprintf("contact_with_a_long_name_%03d", i)
		u := w.emu.AddUser(emulator.UserSpec{FirstName: "Ünïcødé 😀 " + name, Username: name})
		w.emu.AddContact(w.me.ID, u.ID)
		names = append(names, "@"+name)
	}
	for i := 0; i < len(names); i += 50 {
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto " + strings.Join(names[i:i+50], " "), Media: media})), "✅")
	}
	seq := w.emu.LastSeq()
	list := w.post(t, emulator.Message{Text: "/list"})
	first := w.waitReply(t, d, list)
	wantPrefix(t, first, "✅")
	// The parts after the first follow it: wait until they name everyone.
	var (
		all     string
		parts   []int
		missing []string
	)
	eventually(t, func() bool {
		all, parts = continuedReply(w, first)
		missing = missing[:0]
		for _, n := range names {
			if !strings.Contains(all, n) {
				missing = append(missing, n)
			}
		}
		return len(missing) == 0
	}, func() string {
		return fmt.Sprintf("the /list answer in %d message(s) does not name %s", len(parts), strings.Join(missing, ", "))
	})
	if len(parts) < 2 {
		t.Fatalf("/list of 150 contacts came in %d message(s)", len(parts))
	}
	for _, ev := range w.emu.EventsAfter(seq) {
		if ev.Kind == emulator.EventRPC && ev.Err != nil && ev.Err.Type == "MESSAGE_TOO_LONG" {
			t.Errorf("%s answered MESSAGE_TOO_LONG", ev.Method)
		}
	}
	d.stop(t)
	before := len(w.emu.SavedMessages(w.me.ID))
	d = w.startDaemon(t)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	if after := len(w.emu.SavedMessages(w.me.ID)); after != before+2 {
		t.Errorf("after a restart %d new messages, want 2 (a command and its reply)", after-before)
	}
}

// continuedReply is the text of a reply and the "(continued …)" messages
// after it, and their ids.
func continuedReply(w *world, first *tg.Message) (string, []int) {
	all := []string{first.Message}
	parts := []int{first.ID}
	for _, mc := range w.emu.SavedMessages(w.me.ID) {
		m, ok := mc.(*tg.Message)
		if !ok || m.ID <= first.ID || !m.Out || !strings.HasPrefix(m.Message, "(continued ") {
			continue
		}
		parts = append(parts, m.ID)
		all = append(all, m.Message)
	}
	return strings.Join(all, "\n"), parts
}
