package command_test

import (
	"fmt"

	"persona/handlers"
)

func Example_parse() {
	cmd, ok, err := handlers.Catalogue().Parse("/setphoto @alice t.me/bob +15550001111 for=7d", "/")
	fmt.Println(ok, err, cmd.Name, cmd.Options.For())
	for _, t := range cmd.Targets {
		fmt.Println(t.Label())
	}

	_, ok, err = handlers.Catalogue().Parse("/setphto @alice", "/")
	fmt.Println(ok, err)

	_, ok, _ = handlers.Catalogue().Parse("just a note to self", "/")
	fmt.Println(ok)
	// Output:
	// true <nil> setphoto 168h0m0s
	// @alice
	// @bob
	// +15550001111
	// true unknown command /setphto — did you mean /setphoto?
	// false
}

func Example_helpTopic() {
	text, _ := handlers.Catalogue().HelpTopic("!", "history")
	fmt.Println(text)
	// Output:
	// Usage: !history TARGET
	// Lists the personal photos and resets of one target, newest first.
	//
	// TARGET: @username, t.me/username, +phone of a contact, or a numeric user id; exactly one
	// Photos and resets, newest first: the steps !undo goes back through.
	// Reply to the answer with !setphoto, quoting a line (select it, then Reply), to set it again.
	//
	// Examples:
	// !history @alice — their personal photos and resets, newest first
	// !history 12345 — the same for the user with id 12345
}
