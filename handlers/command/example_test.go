package command_test

import (
	"fmt"

	"persona/handlers"
)

func Example_parse() {
	cmd, ok, err := handlers.Catalogue().Parse("/setphoto @alice t.me/bob +15550001111 for=7d", "/")
	fmt.Println(ok, err, cmd.Name, cmd.Options.For)
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
	//
	// Lists the personal photos that were set for the target, newest first: what media, from which message, with which frame= or bg=, and when. To set one again, for this contact or another, reply to the answer with !setphoto quoting that photo's line (select it, then Reply).
	//
	// TARGET is @username, t.me/username, +phone of a contact, or a numeric user id; give exactly one.
	//
	// Example: !history @alice
}
