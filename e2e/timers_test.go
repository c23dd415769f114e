package e2e_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// waitNotice waits for a message in Saved Messages that starts with prefix
// and is not a reply (timer notices are not answers to a command).
func (w *world) waitNotice(t *testing.T, d *daemon, prefix string) *tg.Message {
	t.Helper()
	var ms []*tg.Message
	eventually(t, func() bool {
		ms = w.notices(prefix)
		return len(ms) > 0
	}, func() string { return fmt.Sprintf("no notice starting with %q\ndaemon log:\n%s", prefix, d.log()) })
	return ms[0]
}

func (w *world) notices(prefix string) []*tg.Message {
	var out []*tg.Message
	for _, m := range w.emu.SavedMessages(w.me.ID) {
		if msg, ok := m.(*tg.Message); ok && msg.ReplyTo == nil && strings.HasPrefix(msg.Message, prefix) {
			out = append(out, msg)
		}
	}
	return out
}

// TestTimerFiresLateAfterDowntime: a timed photo whose time ran out while
// the daemon was stopped is undone at the next start, back to the photo
// before it, with one notice; /list showed the timer meanwhile.
func TestTimerFiresLateAfterDowntime(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, _ := setTwice(t, w, d) // two entries: the timed one goes on top
	timed := emulator.JPEG(700, 700, 500)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice for=1h", Media: emulator.Photo(timed)}))
	wantPrefix(t, r, "✅")
	if !strings.Contains(r.Message, "until") {
		t.Errorf("reply %q does not say until when", r.Message)
	}
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if !strings.Contains(list.Message, "until") {
		t.Errorf("/list does not show the timer:\n%s", list.Message)
	}
	d.stop(t)

	w.env = []string{"PERSONA_CLOCK_SKEW=2h"}
	d = w.startDaemon(t)
	n := w.waitNotice(t, d, "⏲ @alice: the timer ran out; back to the photo")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || bytes.Equal(pp.Data, timed) || bytes.Equal(pp.Data, first) {
		t.Fatalf("after the timer @alice should have the second photo again; notice %q", n.Message)
	}
	hist := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/history @alice"}))
	if strings.Contains(hist.Message, "until") {
		t.Errorf("the restored photo still has a timer:\n%s", hist.Message)
	}
	d.stop(t)
	if !strings.Contains(d.log(), `"msg":"Timer fired","user_id":`+fmt.Sprint(w.alice.ID)) {
		t.Errorf("the timer that fired is not in the log:\n%s", d.log())
	}
	d = w.startDaemon(t)
	w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	if got := w.notices("⏲"); len(got) != 1 {
		t.Fatalf("%d timer notices after another restart, want 1: %q", len(got), texts(got))
	}
}

// TestTimerFiresWhileRunning: the daemon sleeps until the next timer and
// resets a photo that had none before it.
func TestTimerFiresWhileRunning(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @bob for=1m", Media: media})), "✅")
	d.stop(t)

	// 57 s ahead: the timer falls due about 3 s after this start.
	w.env = []string{"PERSONA_CLOCK_SKEW=57s"}
	d = w.startDaemon(t)
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); !ok {
		t.Fatal("the timer fired too early")
	}
	w.waitNotice(t, d, "⏲ @bob: the timer ran out; personal photo removed")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Fatal("@bob still has the personal photo after the timer")
	}
	wantResetCall(t, w)
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
	if strings.Contains(list.Message, "@bob") {
		t.Errorf("/list still shows @bob:\n%s", list.Message)
	}
}

// TestTimerDurations: for= takes days, hours and minutes, alone or
// combined, and the reply and /list say until when.
func TestTimerDurations(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	for _, tt := range []struct {
		option string
		d      time.Duration
	}{
		{"for=7d", 7 * 24 * time.Hour},
		{"for=12h", 12 * time.Hour},
		{"for=30m", 30 * time.Minute},
		{"for=1d12h", 36 * time.Hour},
	} {
		before := time.Now()
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice " + tt.option, Media: media}))
		after := time.Now()
		var ok bool
		for _, at := range []time.Time{before.Add(tt.d), after.Add(tt.d)} { // the minute may turn meanwhile
			ok = ok || r.Message == "✅ @alice: personal photo set, until "+at.Format("2006-01-02 15:04 MST")
		}
		if !ok {
			t.Errorf("%s: reply %q, want until %s", tt.option, r.Message, after.Add(tt.d).Format("2006-01-02 15:04 MST"))
		}
		list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/list"}))
		if until := strings.TrimPrefix(r.Message, "✅ @alice: personal photo set, "); !strings.Contains(list.Message, until) {
			t.Errorf("%s: /list does not say %q:\n%s", tt.option, until, list.Message)
		}
	}
}
