package command

import (
	"strconv"
	"strings"
)

const targetsNote = "TARGET is @username, t.me/username, +phone of a contact, or a numeric user id"

// HelpText lists every command on one line: usage, summary and an example,
// rendered with prefix. It starts with a word, never with the prefix, so the
// reply cannot be read as a command.
func (c *Catalogue) HelpText(prefix string) string {
	var b strings.Builder
	b.WriteString("Commands:\n")
	for _, s := range c.specs {
		b.WriteString(s.Usage + " — " + s.Summary + ". Example: " + s.Example + "\n")
	}
	b.WriteString("\n" + targetsNote + "; several may follow one command. Send /help COMMAND for the details of one.")
	return c.render(prefix, b.String())
}

// HelpTopic is the full help for one command, named with or without prefix
// (or "/"). ok is false for an unknown name.
func (c *Catalogue) HelpTopic(prefix, name string) (string, bool) {
	if word, cut := strings.CutPrefix(name, prefix); cut && prefix != "" {
		name = word
	} else {
		name = strings.TrimPrefix(name, "/")
	}
	s, ok := c.Lookup(name)
	if !ok {
		return "", false
	}
	var b strings.Builder
	b.WriteString("Usage: " + s.Usage + "\n\n")
	b.WriteString(s.Details + "\n")
	switch s.Targets {
	case One:
		b.WriteString("\n" + targetsNote + "; give exactly one.\n")
	case Many:
		b.WriteString("\n" + targetsNote + "; give 1 to " + strconv.Itoa(MaxTargets) + ", separated by spaces.\n")
	}
	b.WriteString("\nExample: " + s.Example)
	if len(s.Examples) > 0 {
		b.WriteString("\n\nMore examples:")
		for _, e := range s.Examples {
			b.WriteString("\n" + e.Text + " — " + e.Note)
		}
	}
	return c.render(prefix, b.String()), true
}

// render replaces the "/" of every command reference in s with prefix. Only
// "/name" of a known command standing on its own counts, so t.me/username,
// "JPEG/PNG" and "/listing" are left alone, while "/undo." is a reference.
func (c *Catalogue) render(prefix, s string) string {
	if prefix == "/" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '/' && (i == 0 || !isWordByte(s[i-1]) && s[i-1] != '.') && c.commandAt(s[i+1:]) {
			b.WriteString(prefix)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// commandAt reports whether s starts with a whole command name.
func (c *Catalogue) commandAt(s string) bool {
	for _, spec := range c.specs {
		rest, ok := strings.CutPrefix(s, spec.Name)
		if ok && (rest == "" || !isWordByte(rest[0])) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool { return isASCIILetter(c) || isDigit(c) || c == '_' }
