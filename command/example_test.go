package command_test

import (
	"fmt"

	"persona/command"
)

func ExampleParse() {
	cmd, ok, err := command.Parse("/setphoto @alice t.me/bob +15550001111 for=7d", "/")
	fmt.Println(ok, err, cmd.Name, cmd.Options.For)
	for _, t := range cmd.Targets {
		fmt.Println(t.Label())
	}

	_, ok, err = command.Parse("/setphto @alice", "/")
	fmt.Println(ok, err)

	_, ok, _ = command.Parse("just a note to self", "/")
	fmt.Println(ok)
	// Output:
	// true <nil> setphoto 168h0m0s
	// @alice
	// @bob
	// +15550001111
	// true unknown command /setphto — did you mean /setphoto?
	// false
}

func ExampleHelpTopic() {
	text, _ := command.HelpTopic("!", "history")
	fmt.Println(text)
	// Output:
	// Usage: !history TARGET
	//
	// Lists the personal photos that were set for the target, newest first.
	//
	// TARGET is @username, t.me/username, +phone of a contact, or a numeric user id; give exactly one.
	//
	// Example: !history @alice
}
