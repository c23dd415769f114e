package handlers

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
)

// A handler is a command Persona knows: its syntax and help, what it
// touches, and how it runs. Each command's own file registers its handler;
// /help, the parser and the worker all read them from here, so a new
// command is one new file.
type handler struct {
	command.Spec
	// helpOrder places the command in /help, in the order of the README's
	// "Commands" table; a fraction fits a command between two others
	// without renumbering.
	helpOrder float64
	// changes marks commands that change photos or contacts: they run in
	// order per contact, and wait while a flood wait holds the queue.
	changes bool
	// reads marks commands that read the records of every contact: they
	// never run beside a command that changes them.
	reads bool
	run   func(r *runner, ctx context.Context, c call) outcome
}

// call is what a handler's run gets: the command's message (fetched when a
// restart resumed it), what it says, and the status message its progress
// goes to.
type call struct {
	msg    *tg.Message
	cmd    command.Command
	status *statusMessage // its reply, for progress
}

var registry = map[string]handler{}

// register adds a command; each command's file calls it from init.
func register(h handler) {
	if _, dup := registry[h.Name]; dup {
		panic("handlers: two commands named " + h.Name)
	}
	registry[h.Name] = h
}

// catalogue is the registry as the parser and /help read it, built once
// every file has registered its command.
var catalogue = sync.OnceValue(func() *command.Catalogue {
	hs := slices.Collect(maps.Values(registry))
	slices.SortFunc(hs, func(a, b handler) int { return cmp.Compare(a.helpOrder, b.helpOrder) })
	specs := make([]command.Spec, len(hs))
	for i, h := range hs {
		specs[i] = h.Spec
	}
	return command.NewCatalogue(specs...)
})

// Catalogue is every command Persona knows, in /help order.
func Catalogue() *command.Catalogue { return catalogue() }
