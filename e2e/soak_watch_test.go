package e2e_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// The soak's watches: /watch and /unwatch among the commands, and the
// contacts changing their own photos as they would in their app, now and
// then, while the daemon runs or is down. Each change of a watched contact
// gives exactly one notice (several while the daemon is down, one for
// them all), an unwatched contact's none; a notice attaches nothing or the
// photo they had before, never another.

// soakOwn is one of a contact's own photos, as Telegram lists it.
type soakOwn struct {
	id   int64
	data []byte
}

// soakNotice is a notice the model expects: the verb after the contact's
// label, and the photo it may attach.
type soakNotice struct {
	verb string // "changed", "removed" or "set"
	prev []byte
}

// makeWatch is /watch or /unwatch. /watch names the first watcher, or
// the second in the first half of the run, now and then with a stray,
// which it refuses (not a contact, and no photo of theirs shown).
// /unwatch names the second watcher in the second half, else a contact
// never watched ("was not watched"), or now and then a stray, which it
// refuses only when the name is nobody's.
func (m *soakModel) makeWatch(kind string) soakCmd {
	first := m.made <= m.half
	var c *soakContact
	switch {
	case kind == "watch" && first && m.rng.IntN(2) == 0, kind == "unwatch" && !first:
		c = m.watchers[1]
	case kind == "watch":
		c = m.watchers[0]
	default:
		c = m.contacts[m.rng.IntN(len(m.contacts))]
	}
	c.watched = kind == "watch"
	ts := []soakTarget{{form: c.forms[0], c: c}}
	if m.rng.IntN(10) == 0 {
		ts = append(ts, m.strays[m.rng.IntN(len(m.strays))])
	}
	ok := true
	for _, t := range ts {
		if t.c == nil && (kind == "watch" || t.form == "@nosuch") {
			ok = false
		}
	}
	return soakCmd{text: "/" + kind + " " + soakForms(ts), want: soakMark(ok)}
}

// soakWatcher is a new contact with their own photo, for the watches.
func soakWatcher(w *world, name string, own []byte) *soakContact {
	u := w.emu.AddUser(emulator.UserSpec{FirstName: name, Username: strings.ToLower(name)})
	w.emu.AddContact(w.me.ID, u.ID)
	return &soakContact{user: u, forms: []string{"@" + u.Username}, own: own}
}

// ownID is the id of the contact's current own photo, 0 for none.
func (c *soakContact) ownID() int64 {
	if len(c.owns) == 0 {
		return 0
	}
	return c.owns[0].id
}

// changeOwn has a contact change their own photo: a new one, or the
// current one deleted (the one before, if any, comes back). Only a contact
// no unanswered command names, and whose last change is told, so that the
// model knows whether Persona watches them when it looks.
func (s *soak) changeOwn(times int) {
	c := s.settledContact()
	if c == nil {
		return
	}
	before, prev := c.ownID(), c.own
	for range times {
		if len(c.owns) > 0 && s.rng.IntN(3) == 0 {
			s.w.emu.DeleteProfilePhoto(c.user.ID, c.owns[0].id)
			c.owns = c.owns[1:]
		} else {
			data := s.model.newPhoto()
			p := s.w.emu.SetProfilePhoto(c.user.ID, data)
			c.owns = append([]soakOwn{{id: p.ID, data: data}}, c.owns...)
		}
	}
	c.own = nil
	if len(c.owns) > 0 {
		c.own = c.owns[0].data
	}
	s.ownChanges++
	after := c.ownID()
	if !c.watched || after == before {
		return
	}
	verb := "changed"
	switch {
	case after == 0:
		verb = "removed"
	case before == 0:
		verb = "set"
	}
	c.expect = append(c.expect, soakNotice{verb: verb, prev: prev})
}

// settledContact picks a contact whose notices have all come and whose
// watch Persona will see as the model does when it looks: every /watch or
// /unwatch naming them that is not answered yet leaves it as the last one
// answered did, and no /keep naming them (which copies their own photo)
// waits. Other commands are about the personal photo, which hides their
// own from the account, whatever it is. nil when no contact is settled.
func (s *soak) settledContact() *soakContact {
	a := s.answers()
	last := map[*soakContact]bool{}    // watched, as the last answered command left it
	after := map[*soakContact][]bool{} // as each unanswered one leaves it
	busy := map[*soakContact]bool{}
	for _, p := range s.cmds {
		watch, unwatch, keep := soakIs(p.cmd.text, "/watch"), soakIs(p.cmd.text, "/unwatch"), soakIs(p.cmd.text, "/keep")
		if !watch && !unwatch && !keep {
			continue
		}
		rs := a.byMsg[p.id]
		answered := s.deleted[p.id] || (len(rs) > 0 && !strings.HasPrefix(rs[len(rs)-1].Message, "⏳"))
		for _, c := range s.model.named(p.cmd.text) {
			switch {
			case keep:
				busy[c] = busy[c] || !answered
			case answered:
				last[c] = watch
			default:
				after[c] = append(after[c], watch)
			}
		}
	}
	var free, watched []*soakContact
	for _, c := range s.model.all() {
		if busy[c] || len(a.notices[c]) < len(c.expect) || slices.ContainsFunc(after[c], func(w bool) bool { return w != last[c] }) {
			continue
		}
		free = append(free, c)
		if c.watched {
			watched = append(watched, c)
		}
	}
	if len(watched) > 0 && s.rng.IntN(4) > 0 {
		free = watched // mostly a change that is told
	}
	if len(free) == 0 {
		return nil
	}
	return free[s.rng.IntN(len(free))]
}

// soakIs: the command's text is the command word.
func soakIs(text, word string) bool {
	return text == word || strings.HasPrefix(text, word+" ")
}

// named are the contacts a command's text names.
func (m *soakModel) named(text string) []*soakContact {
	var out []*soakContact
	for _, c := range m.all() {
		for _, word := range strings.Fields(text) {
			if soakNames(c, word) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func soakNames(c *soakContact, word string) bool {
	for _, f := range c.forms {
		if f == word {
			return true
		}
	}
	return false
}

// labels are how a notice may name the contact: as the target of the
// /watch that began it (README, /watch).
func (c *soakContact) labels() []string {
	out := []string{"@" + c.user.Username}
	for _, f := range c.forms {
		switch {
		case strings.HasPrefix(f, "+"):
			out = append(out, f)
		case f != "" && strings.Trim(f, "0123456789") == "":
			out = append(out, "id "+f)
		}
	}
	return out
}

// noticeOf is the contact a notice's text names, or nil.
func (m *soakModel) noticeOf(text string) *soakContact {
	for _, c := range m.all() {
		for _, l := range c.labels() {
			if strings.HasPrefix(text, "👁 "+l+" ") {
				return c
			}
		}
	}
	return nil
}

// settleWatches waits, before a /watch or /unwatch is written, until the
// notices of the contacts it names have come: otherwise the command could
// run before the change is looked at, and stop or start its notice.
func (s *soak) settleWatches(c soakCmd) {
	if !soakIs(c.text, "/watch") && !soakIs(c.text, "/unwatch") {
		return
	}
	s.awaitNotices(s.model.named(c.text))
}

// awaitNotices waits until each contact has had the notices the model
// expects.
func (s *soak) awaitNotices(cs []*soakContact) {
	var late []string
	eventuallyEvery(s.t, 100*time.Millisecond, func() bool {
		a := s.answers()
		late = late[:0]
		for _, c := range cs {
			if got := len(a.notices[c]); got < len(c.expect) {
				late = append(late, fmt.Sprintf("@%s %d of %d", c.user.Username, got, len(c.expect)))
			}
		}
		return len(late) == 0
	}, func() string { return "notices missing: " + strings.Join(late, ", ") + "\n" + tail(s.d.log(), 40) })
}

// checkNotices: each contact has exactly the notices the model expects,
// in order, each attaching nothing or the photo they had before.
func (s *soak) checkNotices(a soakAnswers, fail func(format string, args ...any)) {
	for _, c := range s.model.all() {
		got := a.notices[c]
		if len(got) != len(c.expect) {
			fail("@%s got %d notices, the model expects %d: %q", c.user.Username, len(got), len(c.expect), texts(got))
			continue
		}
		for i, n := range got {
			want := c.expect[i]
			if !strings.Contains(n.Message, " "+want.verb+" ") {
				fail("notice %d about @%s: %q, the model expects %q", i+1, c.user.Username, n.Message, want.verb)
			}
			if data, ok := s.w.emu.MessageFile(s.w.me.ID, n.ID); ok && !bytes.Equal(data, want.prev) {
				fail("notice %d about @%s attaches photo #%d, not their previous #%d", i+1, c.user.Username, photoNumber(data), photoNumber(want.prev))
			}
		}
	}
	for _, m := range a.noticeStrays {
		fail("a notice names no contact: %q", m.Message)
	}
}

// isNotice: a message of the daemon's that is a watched contact's notice.
func isNotice(m *tg.Message) bool {
	return m.Out && m.ReplyTo == nil && strings.HasPrefix(m.Message, "👁 ")
}
