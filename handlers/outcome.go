package handlers

import (
	"strings"
)

// line is what happened to one target.
type line struct {
	ok   bool
	text string
}

// outcome is what a command's run found: an optional header and one line
// per target. Its String is the reply's final text, with ✅ when everything
// succeeded and ❌ when anything failed.
type outcome struct {
	header string // optional, e.g. "personal photo set for 3 contacts"
	lines  []line
	// yield: a bulk job stopped to let other commands run; it has no
	// answer yet and is queued again (bulk.go).
	yield bool
}

func done(text string) outcome   { return outcome{lines: []line{{ok: true, text: text}}} }
func failed(text string) outcome { return outcome{lines: []line{{ok: false, text: text}}} }

func (r *outcome) add(ok bool, text string) { r.lines = append(r.lines, line{ok: ok, text: text}) }

func (r outcome) allOK() bool {
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

func (r outcome) String() string {
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
