package command

import (
	"strconv"
	"strings"
)

// HelpText lists every command on one line: usage, summary and an example,
// rendered with prefix. It starts with a word, never with the prefix, so the
// reply cannot be read as a command.
func (c *Catalogue) HelpText(prefix string) string {
	var b strings.Builder
	b.WriteString("Commands:\n")
	for _, s := range c.specs {
		b.WriteString(s.Usage + " — " + s.Summary + ". Example: " + s.Example + "\n")
	}
	b.WriteString("\nTARGET is " + targetForms + "; several may follow one command. Send /help COMMAND for the details of one.")
	return c.render(prefix, b.String())
}

// HelpTopic is the help for one command, named with or without prefix
// (or "/"), in short lines: the syntax, what it does, one line per target
// rule and option, the notes, then its examples. ok is false for an unknown
// name.
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
	lines := []string{"Usage: " + s.Usage, sentence(s.Summary), ""}
	switch s.Targets {
	case One:
		lines = append(lines, "TARGET: "+targetForms+"; exactly one")
	case Many:
		lines = append(lines, "TARGET: "+targetForms+"; 1 to "+strconv.Itoa(MaxTargets))
	}
	for _, key := range s.Options {
		lines = append(lines, optionHelp[key])
	}
	lines = append(lines, s.Notes...)
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	lines = append(lines, "", "Examples:")
	examples := s.Examples
	if len(examples) == 0 {
		examples = []Example{{Text: s.Example}}
	}
	for _, e := range examples {
		if e.Note == "" {
			lines = append(lines, e.Text)
			continue
		}
		lines = append(lines, e.Text+" — "+e.Note)
	}
	return c.render(prefix, strings.Join(lines, "\n")), true
}

// sentence makes a summary ("lists the commands") a line of its own.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// targetForms is how a target may be written, for /help.
const targetForms = "@username, t.me/username, +phone of a contact, or a numeric user id"

// optionHelp is the /help line of each option, one table for every
// command that takes it.
var optionHelp = map[string]string{
	"frame":   "frame=SECONDS — the frame of a video or GIF shown as its cover, 0 to 10 s",
	"bg":      "bg=#RRGGBB — background behind a sticker or emoji; 1 to 4 colours, default #3E8EDE",
	"for":     "for=DURATION — undo it when the time is up: 30m, 12h, 7d, 1d12h, up to 366d",
	"suggest": "suggest=yes — also suggest the media to them as their own profile photo",
	"add":     "add=yes — add a target who is not a contact first (your phone stays hidden)",
	"photo":   "photo=N — the N-th photo of their own list: 1 is the current one, 2 the one before",
	"replace": "replace=yes — also replace the personal photo a contact already has",
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
