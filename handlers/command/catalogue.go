package command

import (
	"slices"
	"strings"
)

// TargetRule says how many targets a command takes.
type TargetRule int

const (
	None     TargetRule = iota + 1 // no targets (/help's optional word is its topic, not a target)
	One                            // exactly one
	Many                           // 1 to MaxTargets
	Optional                       // 0 to MaxTargets: alone, the command lists (/watch)
)

// Spec is how a command is written and explained: its word, what it takes
// and its help. The parser checks a text against it. Usage, Example, Notes
// and Examples are written with "/" and rendered with the configured prefix
// by HelpText and HelpTopic.
type Spec struct {
	Name    string
	Usage   string
	Summary string   // one line, lowercase, no final period: it follows the usage after a dash
	Example string   // parses without error
	Options []string // the option keys it accepts: a subset of frame, bg, for, suggest, add, photo
	Targets TargetRule
	// All marks a command that takes the word `all` alone as its target:
	// every contact (/hide all, /reset all).
	All bool
	// Topic marks a command whose one bare word names another command
	// (/help setphoto) instead of a target.
	Topic bool
	// Notes are the short lines of /help NAME after the options, at most
	// 100 characters each so each fits a phone's screen in a line or two
	// (the handlers' TestHelpTopicShortLines checks every command).
	Notes []string
	// Examples are the one or two command lines /help NAME ends with:
	// each parses without error, and its note says where it is written
	// and what it does.
	Examples []Example
}

// Example is one command line of /help NAME and what it does.
type Example struct {
	Text string // parses without error
	Note string // lowercase, no final period
}

func (s Spec) accepts(key string) bool { return slices.Contains(s.Options, key) }

// takesMedia marks the commands for which a bare emoji in the text is the
// media (a custom emoji) rather than a mistyped target.
func (s Spec) takesMedia() bool { return s.accepts("bg") }

// Catalogue is the set of commands Parse knows, in /help order. The
// handlers build it from their registry, one Spec per command; it does not
// change once built.
type Catalogue struct{ specs []Spec }

// NewCatalogue makes a catalogue of specs, in that order. Two specs with one
// name, or an option key with no parser, are a programming error.
func NewCatalogue(specs ...Spec) *Catalogue {
	seen := map[string]bool{}
	for _, s := range specs {
		if seen[s.Name] {
			panic("command: two specs named " + s.Name)
		}
		seen[s.Name] = true
		for _, key := range s.Options {
			if _, known := options[key]; !known {
				panic("command: " + s.Name + " takes an option no parser reads: " + key)
			}
		}
	}
	return &Catalogue{specs: slices.Clone(specs)}
}

// Specs returns the catalogue in /help order. The slice is a copy, so callers
// cannot change what Parse accepts.
func (c *Catalogue) Specs() []Spec {
	out := make([]Spec, len(c.specs))
	for i, s := range c.specs {
		out[i] = s.clone()
	}
	return out
}

// Lookup finds a command by its whole name, without prefix, in any letter
// case: phones capitalise the first letter, so /SetPhoto is /setphoto.
// Matching is otherwise exact on purpose: /set must never run /setphoto.
func (c *Catalogue) Lookup(name string) (Spec, bool) {
	name = foldASCII(name)
	for _, s := range c.specs {
		if s.Name == name {
			return s.clone(), true
		}
	}
	return Spec{}, false
}

// foldASCII lowercases the ASCII letters of s and nothing else: command
// words and option keys are ASCII, and Unicode folding would let look-alikes
// such as "ſ" (long s) or "K" (Kelvin sign) stand for them.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

func (s Spec) clone() Spec {
	s.Options, s.Examples = slices.Clone(s.Options), slices.Clone(s.Examples)
	return s
}

// allCommands names the commands that take `all`, for the refusal of it
// elsewhere: "/hide, /keep and /reset".
func (c *Catalogue) allCommands(prefix string) string {
	var names []string
	for _, s := range c.specs {
		if s.All {
			names = append(names, prefix+s.Name)
		}
	}
	switch len(names) {
	case 0:
		return "no command yet"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
