package handlers

import (
	"strings"

	"persona/command"
)

// line is what happened to one target.
type line struct {
	ok   bool
	text string
}

// reply is a command's answer: a header and one line per target. It renders
// with ✅ when everything succeeded and ❌ when anything failed.
type reply struct {
	header string // optional, e.g. "personal photo set for 3 contacts"
	lines  []line
}

func done(text string) reply   { return reply{lines: []line{{ok: true, text: text}}} }
func failed(text string) reply { return reply{lines: []line{{ok: false, text: text}}} }

func (r *reply) add(ok bool, text string) { r.lines = append(r.lines, line{ok: ok, text: text}) }

func (r reply) allOK() bool {
	for _, l := range r.lines {
		if !l.ok {
			return false
		}
	}
	return true
}

func mark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}

func (r reply) String() string {
	var b strings.Builder
	switch {
	case r.header != "":
		b.WriteString(mark(r.allOK()) + " " + r.header)
		for _, l := range r.lines {
			b.WriteString("\n" + l.text)
		}
	case len(r.lines) == 1:
		b.WriteString(mark(r.lines[0].ok) + " " + r.lines[0].text)
	default:
		// Several targets: the first line carries the overall mark.
		failures := 0
		for _, l := range r.lines {
			if !l.ok {
				failures++
			}
		}
		if failures == 0 {
			b.WriteString("✅ all " + itoa(len(r.lines)) + " done")
		} else {
			b.WriteString("❌ " + itoa(failures) + " of " + itoa(len(r.lines)) + " failed")
		}
		for _, l := range r.lines {
			b.WriteString("\n" + mark(l.ok) + " " + l.text)
		}
	}
	return b.String()
}

// eachTarget runs f for every target and gathers one line per target.
func eachTarget(targets []command.Target, f func(command.Target) (bool, string)) reply {
	var out reply
	for _, t := range targets {
		out.add(f(t))
	}
	return out
}
