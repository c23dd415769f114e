package e2e_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"persona/emulator"
	"persona/media/placeholder"
)

// The soak's model of Persona: what each command should answer (✅ or ❌)
// and what it does to the photo records, written from the README, not
// from the daemon's code. Commands run in the order they were written, so
// applying each one to the model as it is posted predicts the daemon,
// whatever faults and restarts happen in between.

// soakContact is one contact as the model sees it: the record Persona
// keeps (the current photo and the steps before it, newest first).
type soakContact struct {
	user  emulator.User
	forms []string // the ways a command may name them: @x, t.me/x, +phone, id
	cur   []byte   // the photo bytes Telegram should show; nil for none
	// hist are the steps /undo walks back through, newest first: a photo,
	// or nil for a time with none (a /reset is a step too: README, /undo).
	hist [][]byte
	// own is their own current profile photo, which /keep copies (nil:
	// none, so /keep fails); hidden is the picture /hide draws for them.
	own, hidden []byte
	// elsewhere is a personal photo set in another app over Persona's,
	// which Telegram shows until Persona changes the photo again; the
	// record still holds cur, and /undo and /reset start from it.
	elsewhere []byte
	// watched: /watch names them, /unwatch ends it. owns are their own
	// photos, newest first (owns[0] is own), which they change themselves
	// (soak_watch_test.go); expect are the notices their changes give.
	watched bool
	owns    []soakOwn
	expect  []soakNotice
}

// shown is the personal photo Telegram should show.
func (c *soakContact) shown() []byte {
	if c.elsewhere != nil {
		return c.elsewhere
	}
	return c.cur
}

// maxHistory is the daemon's cap on a contact's earlier steps.
const soakMaxHistory = 50

// set makes photo current; what was before it becomes a step back, a time
// with no photo too, once there was one.
func (c *soakContact) set(photo []byte) {
	c.elsewhere = nil
	if c.cur != nil || len(c.hist) > 0 {
		c.push(c.cur)
	}
	c.cur = photo
}

func (c *soakContact) push(step []byte) {
	c.hist = append([][]byte{step}, c.hist...)
	if len(c.hist) > soakMaxHistory {
		c.hist = c.hist[:soakMaxHistory]
	}
}

// reset is /reset: it fails when no photo is set, and is a step itself.
func (c *soakContact) reset() bool {
	if c.cur == nil {
		return false
	}
	c.push(c.cur)
	c.cur, c.elsewhere = nil, nil
	return true
}

// undo is /undo: one step back, to the previous photo or to none; with no
// step left, a photo is removed. Nothing set and nothing before: it fails.
func (c *soakContact) undo() bool {
	switch {
	case len(c.hist) > 0:
		c.cur, c.hist = c.hist[0], c.hist[1:]
	case c.cur != nil:
		c.cur = nil
	default:
		return false
	}
	c.elsewhere = nil
	return true
}

// recorded reports whether /history has something to list.
func (c *soakContact) recorded() bool { return c.cur != nil || len(c.hist) > 0 }

// soakTarget is a target as written, and the contact it names (nil for a
// user who is not a contact, or no user at all: every command fails there).
type soakTarget struct {
	form string
	c    *soakContact
}

// soakCmd is one command to post: its text, its media or the earlier
// photo it replies to, and the answer the model expects.
type soakCmd struct {
	text    string
	media   []byte // attached photo, nil for none
	replyTo int    // an earlier message with a photo, 0 for none
	want    string // "✅" or "❌"
}

// soakPhoto is a posted message with a photo, which a later command may
// reply to.
type soakPhoto struct {
	msgID int
	data  []byte
}

// soakModel generates commands from a seeded source and predicts them.
type soakModel struct {
	rng      *rand.Rand
	contacts []*soakContact
	strays   []soakTarget // not contacts: every command fails for them
	photos   []soakPhoto  // messages with photos so far
	newPhoto func() []byte
	// watchers are the contacts /watch and /unwatch name, and no other
	// command: the first is watched all along, the second until half of
	// the commands are made (half), then unwatched (soak_watch_test.go).
	watchers []*soakContact
	made     int
	half     int
}

// all are the contacts and the watchers.
func (m *soakModel) all() []*soakContact { return slices.Concat(m.contacts, m.watchers) }

// kinds of command, with their weights in the mix.
var soakMix = []struct {
	kind   string
	weight int
}{
	{"setphoto", 34}, {"setphoto-reply", 8}, {"setphoto-many", 7}, {"suggest", 3},
	{"reset", 15}, {"reset-many", 3}, {"undo", 6}, {"history", 4},
	{"list", 6}, {"status", 5}, {"help", 2}, {"no-media", 2}, {"typo", 2},
	{"hide", 4}, {"keep", 4}, {"watch", 3}, {"unwatch", 1},
}

func (m *soakModel) kind() string {
	total := 0
	for _, k := range soakMix {
		total += k.weight
	}
	n := m.rng.IntN(total)
	for _, k := range soakMix {
		if n < k.weight {
			return k.kind
		}
		n -= k.weight
	}
	panic("unreachable")
}

// targets picks 1..max distinct targets; now and then one that is not a
// contact.
func (m *soakModel) targets(most int) []soakTarget {
	n := 1 + m.rng.IntN(most)
	var out []soakTarget
	for _, i := range m.rng.Perm(len(m.contacts))[:min(n, len(m.contacts))] {
		c := m.contacts[i]
		out = append(out, soakTarget{form: c.forms[m.rng.IntN(len(c.forms))], c: c})
	}
	if m.rng.IntN(10) == 0 {
		s := m.strays[m.rng.IntN(len(m.strays))]
		out[m.rng.IntN(len(out))] = s
	}
	return out
}

func soakForms(ts []soakTarget) string {
	f := make([]string, len(ts))
	for i, t := range ts {
		f[i] = t.form
	}
	return strings.Join(f, " ")
}

func soakMark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}

// about makes a command for one contact, set, reset, undo or history, and
// applies it to the model.
func (m *soakModel) about(c *soakContact) soakCmd {
	t := c.forms[m.rng.IntN(len(c.forms))]
	switch m.rng.IntN(4) {
	case 0:
		photo := m.newPhoto()
		c.set(photo)
		return soakCmd{text: "/setphoto " + t, media: photo, want: "✅"}
	case 1:
		return soakCmd{text: "/reset " + t, want: soakMark(c.reset())}
	case 2:
		return soakCmd{text: "/undo " + t, want: soakMark(c.undo())}
	}
	return soakCmd{text: "/history " + t, want: soakMark(c.recorded())}
}

// next makes the next command and applies it to the model.
func (m *soakModel) next() soakCmd {
	m.made++
	return m.make(m.kind())
}

// make makes a command of a kind of soakMix and applies it to the model.
func (m *soakModel) make(kind string) soakCmd {
	switch kind {
	case "setphoto", "setphoto-many", "setphoto-reply":
		most := 1
		if kind == "setphoto-many" {
			most = 3
		}
		ts := m.targets(most)
		cmd := soakCmd{text: "/setphoto " + soakForms(ts)}
		if m.rng.IntN(20) == 0 {
			cmd.text += " suggest=yes"
		}
		var photo []byte
		if kind == "setphoto-reply" && len(m.photos) > 0 {
			p := m.photos[m.rng.IntN(len(m.photos))]
			cmd.replyTo, photo = p.msgID, p.data
		} else {
			photo = m.newPhoto()
			cmd.media = photo
		}
		ok := true
		for _, t := range ts {
			if t.c == nil {
				ok = false
				continue
			}
			t.c.set(photo)
		}
		cmd.want = soakMark(ok)
		return cmd
	case "suggest":
		ts := m.targets(2)
		return soakCmd{text: "/suggest " + soakForms(ts), media: m.newPhoto(), want: soakMark(soakAllContacts(ts))}
	case "reset", "reset-many", "undo":
		most := 1
		if kind == "reset-many" {
			most = 3
		}
		ts := m.targets(most)
		ok := true
		for _, t := range ts {
			switch {
			case t.c == nil:
				ok = false
			case kind == "undo":
				ok = t.c.undo() && ok
			default:
				ok = t.c.reset() && ok
			}
		}
		word := "reset"
		if kind == "undo" {
			word = "undo"
		}
		return soakCmd{text: "/" + word + " " + soakForms(ts), want: soakMark(ok)}
	case "hide", "keep":
		return m.makeHideKeep(kind)
	case "watch", "unwatch":
		return m.makeWatch(kind)
	case "history":
		t := m.targets(1)[0]
		return soakCmd{text: "/history " + t.form, want: soakMark(t.c != nil && t.c.recorded())}
	case "list", "status":
		return soakCmd{text: "/" + kind, want: "✅"}
	case "help":
		return soakCmd{text: "/help " + []string{"", "setphoto", "reset", "undo"}[m.rng.IntN(4)], want: "✅"}
	case "no-media":
		return soakCmd{text: "/setphoto " + soakForms(m.targets(1)), want: "❌"}
	default: // a typo
		return soakCmd{text: fmt.Sprintf("/setphto %s", soakForms(m.targets(1))), media: m.newPhoto(), want: "❌"}
	}
}

// makeHideKeep is /hide for up to two targets (a contact always gets
// their initials) or /keep for one (only a contact with a profile photo).
// Strays are refused: not contacts, and add=yes is not given.
func (m *soakModel) makeHideKeep(kind string) soakCmd {
	most := 2
	if kind == "keep" {
		most = 1
	}
	ts := m.targets(most)
	ok := true
	for _, t := range ts {
		switch {
		case t.c == nil || (kind == "keep" && t.c.own == nil):
			ok = false
		case kind == "keep":
			t.c.set(t.c.own)
		default:
			t.c.set(t.c.hidden)
		}
	}
	return soakCmd{text: "/" + kind + " " + soakForms(ts), want: soakMark(ok)}
}

func soakAllContacts(ts []soakTarget) bool {
	for _, t := range ts {
		if t.c == nil {
			return false
		}
	}
	return true
}

// soakPictures gives the contacts with an own photo in the model that
// photo on Telegram, and tells the model what /hide draws for each: the
// picture depends only on the user, so the model can know it.
func soakPictures(t *testing.T, emu *emulator.Emulator, contacts []*soakContact) {
	for _, c := range contacts {
		if c.own != nil {
			p := emu.SetProfilePhoto(c.user.ID, c.own)
			c.owns = []soakOwn{{id: p.ID, data: c.own}}
		}
		hidden, err := placeholder.JPEG(c.user.ID, c.user.FirstName, c.user.LastName)
		if err != nil {
			t.Fatal(err)
		}
		c.hidden = hidden
	}
}
