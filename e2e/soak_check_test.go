package e2e_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gotd/td/tg"
)

// soakAnswers is the daemon's side of Saved Messages: its messages by the
// message they reply to, and any that reply to nothing.
type soakAnswers struct {
	byMsg  map[int][]*tg.Message
	strays []tg.MessageClass
	// notices are the watched contacts' notices, by the contact they
	// name, in order; noticeStrays name none.
	notices      map[*soakContact][]*tg.Message
	noticeStrays []*tg.Message
}

func (s *soak) answers() soakAnswers {
	ours := map[int]bool{}
	for _, c := range s.cmds {
		ours[c.id] = true
	}
	for _, id := range s.others {
		ours[id] = true
	}
	a := soakAnswers{byMsg: map[int][]*tg.Message{}, notices: map[*soakContact][]*tg.Message{}}
	for _, m := range s.w.emu.SavedMessages(s.w.me.ID) {
		if ours[m.GetID()] {
			continue
		}
		msg, ok := m.(*tg.Message)
		if !ok {
			a.strays = append(a.strays, m)
			continue
		}
		if isNotice(msg) {
			if c := s.model.noticeOf(msg.Message); c != nil {
				a.notices[c] = append(a.notices[c], msg)
			} else {
				a.noticeStrays = append(a.noticeStrays, msg)
			}
			continue
		}
		h, ok := msg.ReplyTo.(*tg.MessageReplyHeader)
		if !ok {
			a.strays = append(a.strays, m)
			continue
		}
		a.byMsg[h.ReplyToMsgID] = append(a.byMsg[h.ReplyToMsgID], msg)
	}
	return a
}

// awaitAnswers waits until every command has an answer that is not
// progress (⏳).
func (s *soak) awaitAnswers() {
	var waiting []string
	eventuallyEvery(s.t, 100*time.Millisecond, func() bool {
		a := s.answers()
		waiting = waiting[:0]
		for _, c := range s.cmds {
			if s.deleted[c.id] {
				continue // answered, then deleted by the owner
			}
			if rs := a.byMsg[c.id]; len(rs) == 0 || strings.HasPrefix(rs[len(rs)-1].Message, "⏳") {
				waiting = append(waiting, fmt.Sprintf("%d %q", c.id, c.cmd.text))
			}
		}
		return len(waiting) == 0
	}, func() string {
		return fmt.Sprintf("%d of %d commands unanswered, the first: %s",
			len(waiting), len(s.cmds), strings.Join(waiting[:min(10, len(waiting))], ", "))
	})
	s.awaitNotices(s.model.all())
}

// check asserts what the soak is for: each command answered exactly once,
// as the model predicts, nothing else answered, and each contact showing
// the photo the model predicts.
func (s *soak) check(when string) {
	t := s.t
	t.Helper()
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	a := s.answers()
	commands := map[int]bool{}
	for _, c := range s.cmds {
		commands[c.id] = true
		rs := a.byMsg[c.id]
		down := ""
		if c.whileDown {
			down = " (written while the daemon was down)"
		}
		switch {
		case s.deleted[c.id] && len(rs) > 0:
			fail("command %d %q%s: its answer was deleted, yet it got %d more: %q", c.id, c.cmd.text, down, len(rs), texts(rs))
		case s.deleted[c.id]:
		case len(rs) != 1:
			fail("command %d %q%s got %d answers: %q", c.id, c.cmd.text, down, len(rs), texts(rs))
		case !rs[0].Out:
			fail("the answer to command %d is not outgoing", c.id)
		case !strings.HasPrefix(rs[0].Message, c.cmd.want):
			fail("command %d %q%s: answer %q, the model expects %s", c.id, c.cmd.text, down, rs[0].Message, c.cmd.want)
		}
	}
	for id, rs := range a.byMsg {
		if !commands[id] {
			fail("message %d is not a command, yet answered: %q", id, texts(rs))
		}
	}
	for _, m := range a.strays {
		fail("a message of the daemon answers nothing: %v", m)
	}
	s.checkNotices(a, fail)
	for _, c := range s.model.contacts {
		pp, ok := s.w.emu.PersonalPhoto(s.w.me.ID, c.user.ID)
		want := c.shown()
		switch {
		case want == nil && ok:
			fail("@%s shows a personal photo (%d bytes); the model expects none", c.user.Username, len(pp.Data))
		case want != nil && !ok:
			fail("@%s shows no personal photo; the model expects photo #%d", c.user.Username, photoNumber(want))
		case want != nil && !bytes.Equal(pp.Data, want):
			fail("@%s shows photo #%d; the model expects photo #%d", c.user.Username, photoNumber(pp.Data), photoNumber(want))
		}
	}
	for i, d := range s.daemons {
		if strings.Contains(d.log(), `"msg":"Panic"`) {
			fail("daemon %d logged a panic", i+1)
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		t.Fatalf("%s, %d problems:\n%s", when, len(problems), strings.Join(problems[:min(30, len(problems))], "\n"))
	}
}

// photoNumber is the number newPhoto wrote into a photo, to name it.
func photoNumber(b []byte) uint64 {
	if len(b) < 14 {
		return 0
	}
	var n uint64
	for _, c := range b[6:14] {
		n = n<<8 | uint64(c)
	}
	return n
}

// report prints the soak's figures, for the README.
func (s *soak) report() {
	var ok, down int
	for _, c := range s.cmds {
		if c.cmd.want == "✅" {
			ok++
		}
		if c.whileDown {
			down++
		}
	}
	resumed := 0
	for _, d := range s.daemons {
		resumed += strings.Count(d.log(), "Resuming command")
	}
	s.faults.scan(s)
	var floods []string
	for _, m := range floodMethods {
		if n := s.faults.served[m]; n > 0 {
			floods = append(floods, fmt.Sprintf("%s %d", m, n))
		}
	}
	answers := 0
	for _, rs := range s.answers().byMsg {
		answers += len(rs)
	}
	s.t.Logf("soak: %d commands (%d ✅, %d ❌; %d written while the daemon was down) and %d other messages in %s",
		len(s.cmds), ok, len(s.cmds)-ok, down, len(s.others), time.Since(s.started).Round(100*time.Millisecond))
	s.t.Logf("soak: %d SIGKILL restarts (%d commands resumed from the journal) and 1 clean restart; %d photos (%d of 1.5 MiB)",
		s.kills, resumed, s.photos, s.big)
	s.t.Logf("soak: faults: %d disconnects, %d answers lost with the connection, %d delay windows, %d FLOOD_WAITs (%s), %d times DC 4 forgot its imports",
		s.faults.disconnects, s.faults.lost, s.faults.delays, s.faults.floodsServed(), strings.Join(floods, ", "), s.faults.forgotten)
	s.t.Logf("soak: %d answers, one per command; %d RPCs; the final photos of %d contacts as the model predicts",
		answers, len(s.w.emu.Events()), len(s.model.contacts))
	notices := 0
	for _, c := range s.model.all() {
		notices += len(c.expect)
	}
	s.t.Logf("soak: %d changes of their own photos by contacts, %d notices, each as the model predicts", s.ownChanges, notices)
}
