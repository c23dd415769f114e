package command

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPrefix bounds the prefix so that replies quoting it stay short.
const maxPrefix = 16

// CheckPrefix reports whether prefix can introduce commands: 1 to 16 bytes of
// valid UTF-8 without spaces or control characters, because commands are
// split on spaces and the prefix is echoed in replies. Parse treats a text as
// no command at all when the prefix fails this check; config can use it to
// refuse such a prefix at start-up instead.
func CheckPrefix(prefix string) error {
	if prefix == "" || len(prefix) > maxPrefix || !utf8.ValidString(prefix) {
		return fmt.Errorf("prefix %q: must be 1 to %d bytes of text", prefix, maxPrefix)
	}
	for _, r := range prefix {
		if unicode.IsSpace(r) || unicode.IsControl(r) || isBidiControl(r) {
			return fmt.Errorf("prefix %q: must not contain spaces or control characters", prefix)
		}
	}
	return nil
}

// Parse reads one message text. ok is false when the text is not a command at
// all — it does not start with prefix immediately followed by a letter — and
// such messages are to be ignored silently. When ok is true and err is not nil,
// err is a *usererr.Error to show the user; the Command then carries only the Name,
// and only if the command word was known.
func (c *Catalogue) Parse(text, prefix string) (cmd Command, ok bool, err error) {
	if CheckPrefix(prefix) != nil {
		return Command{}, false, nil
	}
	text = strings.TrimSpace(text)
	rest, found := strings.CutPrefix(text, prefix)
	if first, _ := utf8.DecodeRuneInString(rest); !found || !unicode.IsLetter(first) {
		return Command{}, false, nil
	}
	if n := utf8.RuneCountInString(text); n > MaxRunes {
		return Command{}, true, userErrorf("command is too long (%d characters; at most %d)", n, MaxRunes)
	}
	// The prefix has no spaces and a letter follows it, so the first field is
	// the prefix and the whole command word, bot-style "@suffix" included.
	fields := strings.Fields(text)
	word := strings.TrimPrefix(fields[0], prefix)
	spec, known := c.Lookup(word)
	if !known {
		return Command{}, true, c.unknownCommand(prefix, word)
	}
	p := parser{cat: c, spec: spec, prefix: prefix, cmd: Command{Name: spec.Name}, seen: map[string]bool{}}
	if err := p.run(fields[1:]); err != nil {
		return Command{Name: spec.Name}, true, err
	}
	return p.cmd, true, nil
}

func (c *Catalogue) unknownCommand(prefix, word string) error {
	// "/setphoto@mybot" is refused like any unknown word, but the part before
	// the "@" is what the user meant to type.
	base, _, _ := strings.Cut(word, "@")
	if name, ok := c.closest(base); ok {
		return userErrorf("unknown command %s%s — did you mean %s%s?", prefix, echo(word), prefix, name)
	}
	return userErrorf("unknown command %s%s; send %shelp for the list", prefix, echo(word), prefix)
}

// parser holds the state of one Parse between tokens.
type parser struct {
	cat    *Catalogue
	spec   Spec
	prefix string
	cmd    Command
	seen   map[string]bool // option keys given so far
	keys   map[string]bool // targets so far, by kind and lowercased value
	topics []string        // bare words given to /help
}

func (p *parser) run(tokens []string) error {
	for _, tok := range tokens {
		if err := p.token(tok); err != nil {
			return err
		}
	}
	return p.finish()
}

// token sorts one token into an option, a /help topic, emoji media or a target.
func (p *parser) token(tok string) error {
	if key, value, isOption := strings.Cut(tok, "="); isOption {
		return p.setOption(key, value)
	}
	switch {
	case p.spec.Topic:
		p.topics = append(p.topics, tok)
		return nil
	case p.spec.Targets == None:
		return userErrorf("unexpected %s: %s%s takes no targets", quote(tok), p.prefix, p.spec.Name)
	case p.spec.takesMedia() && isEmoji(tok):
		return nil
	case strings.EqualFold(tok, allWord):
		return p.setAll()
	}
	t, err := parseTarget(tok)
	if err != nil {
		return err
	}
	p.addTarget(t)
	return nil
}

// addTarget drops repeats silently: naming someone twice is harmless, and
// setting their photo twice would only cost a flood wait.
func (p *parser) addTarget(t Target) {
	if p.keys == nil {
		p.keys = map[string]bool{}
	}
	key := t.Kind.String() + ":" + strings.ToLower(t.Value)
	if p.keys[key] {
		return
	}
	p.keys[key] = true
	p.cmd.Targets = append(p.cmd.Targets, t)
}

// finish checks what can only be judged once every token is read.
func (p *parser) finish() error {
	name := p.prefix + p.spec.Name
	n := len(p.cmd.Targets)
	switch {
	case p.spec.Topic:
		return p.setTopic()
	case p.cmd.All && n > 0:
		return userErrorf("%s stands alone: %s %s is every contact, so it takes no other targets", allWord, name, allWord)
	case p.cmd.All:
		return nil
	case p.spec.Targets == One && n == 0:
		return userErrorf("missing target: %s needs a target, e.g. %s @alice", name, name)
	case p.spec.Targets == One && n > 1:
		return userErrorf("too many targets: %s takes one target, got %d", name, n)
	case p.spec.Targets == Many && n == 0:
		return userErrorf("missing target: %s needs at least one target, e.g. %s @alice", name, name)
	case n > MaxTargets:
		return userErrorf("too many targets: %d; at most %d per command", n, MaxTargets)
	}
	return nil
}

// allWord is the target that means every contact.
const allWord = "all"

// setAll takes `all` for the commands that accept it, and otherwise names
// those that do, so the owner learns where it works.
func (p *parser) setAll() error {
	if !p.spec.All {
		return userErrorf("%s is not a target of %s%s: it works with %s", allWord, p.prefix, p.spec.Name, p.cat.allCommands(p.prefix))
	}
	p.cmd.All = true
	return nil
}

// setTopic reads the optional word of /help, typed with or without a prefix.
func (p *parser) setTopic() error {
	switch len(p.topics) {
	case 0:
		return nil
	case 1:
	default:
		return userErrorf("too many words: %s%s takes one command name, got %d", p.prefix, p.spec.Name, len(p.topics))
	}
	word, cut := strings.CutPrefix(p.topics[0], p.prefix)
	if !cut {
		word = strings.TrimPrefix(word, "/")
	}
	spec, ok := p.cat.Lookup(word)
	if !ok {
		return p.cat.unknownCommand(p.prefix, word)
	}
	p.cmd.Topic = spec.Name
	return nil
}
