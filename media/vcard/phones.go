package vcard

import (
	"slices"
	"strings"
)

// Contact is a Telegram contact to match cards against: its user id and
// user.phone (digits, with the country code and without "+").
type Contact struct {
	ID    int64
	Phone string
}

// MatchResult is how a card's phones matched the contacts.
type MatchResult int

const (
	NoContact MatchResult = iota // no contact has any of the card's phones
	Matched                      // exactly one contact has one of them
	Ambiguous                    // several contacts might: never guessed
)

func (m MatchResult) String() string {
	return [...]string{"no contact", "matched", "ambiguous"}[m]
}

// Match is the contact a card is for.
type Match struct {
	Result     MatchResult
	ID         int64   // the contact, when Matched
	Candidates []int64 // the contacts it might be, when Ambiguous (sorted)
}

// MinLocalDigits is the shortest number without a country code that is
// matched by its ending: shorter ones (112, a 4-digit extension) end too
// many numbers to mean one.
const MinLocalDigits = 6

// Matcher finds the contact a card's phone numbers belong to, by digits
// alone, never by name.
type Matcher struct {
	exact  map[string][]int64 // full digits → contacts
	ending map[string][]int   // last MinLocalDigits digits → contacts' indexes
	all    []Contact          // with Phone as digits
}

// NewMatcher indexes the contacts; those without a phone are left out.
func NewMatcher(contacts []Contact) *Matcher {
	m := &Matcher{exact: map[string][]int64{}, ending: map[string][]int{}}
	for _, c := range contacts {
		d := digits(c.Phone)
		if len(d) < MinLocalDigits {
			continue
		}
		m.exact[d] = appendOnce(m.exact[d], c.ID)
		m.all = append(m.all, Contact{ID: c.ID, Phone: d})
		key := d[len(d)-MinLocalDigits:]
		m.ending[key] = append(m.ending[key], len(m.all)-1)
	}
	return m
}

// Match matches a card's phones. Each phone matches the contacts it can
// be (see phoneMatches); the card is Matched when its phones that match a
// single contact all match the same one (the first such phone wins over
// phones that match several), Ambiguous when they match different ones or
// only phones matching several exist, and NoContact otherwise.
func (m *Matcher) Match(phones []string) Match {
	var unique, several []int64
	for _, phone := range phones {
		ids := m.phoneMatches(phone)
		switch {
		case len(ids) == 1:
			unique = appendOnce(unique, ids[0])
		case len(ids) > 1:
			for _, id := range ids {
				several = appendOnce(several, id)
			}
		}
	}
	switch {
	case len(unique) == 1:
		return Match{Result: Matched, ID: unique[0]}
	case len(unique) > 1:
		slices.Sort(unique)
		return Match{Result: Ambiguous, Candidates: unique}
	case len(several) > 0:
		slices.Sort(several)
		return Match{Result: Ambiguous, Candidates: several}
	}
	return Match{Result: NoContact}
}

// phoneMatches returns the contacts one written number can be. A number
// with its country code ("+44…", "0044…") must equal a contact's. One
// without it ("07700 900123", "900123") is the end of the contact's
// number, less the national trunk prefix "0": a number as long as the
// contact's is then compared whole.
func (m *Matcher) phoneMatches(phone string) []int64 {
	d, withCode := countryCode(phone)
	if withCode {
		return m.exact[d]
	}
	local := strings.TrimLeft(d, "0")
	if len(local) < MinLocalDigits {
		return nil
	}
	var ids []int64
	for _, i := range m.ending[local[len(local)-MinLocalDigits:]] {
		if c := m.all[i]; strings.HasSuffix(c.Phone, local) {
			ids = appendOnce(ids, c.ID)
		}
	}
	return ids
}

// countryCode returns the digits of a written number, and whether they
// start with its country code: after "+", or the international prefix
// "00" (which is left out).
func countryCode(phone string) (string, bool) {
	d := digits(phone)
	if strings.HasPrefix(strings.TrimLeft(phone, " \t("), "+") {
		return d, true
	}
	if rest, ok := strings.CutPrefix(d, "00"); ok {
		return rest, true
	}
	return d, false
}

// digits keeps the ASCII digits of s.
func digits(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func appendOnce(ids []int64, id int64) []int64 {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}
