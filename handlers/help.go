package handlers

import (
	"context"

	"persona/handlers/command"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "help",
			Usage:   "/help [COMMAND]",
			Summary: "lists the commands, or explains one",
			Example: "/help setphoto",
			Targets: command.None,
			Topic:   true,
			Examples: []command.Example{
				{Text: "/help", Note: "every command with an example"},
				{Text: "/help setphoto", Note: "one command in short lines"},
			},
		},
		helpOrder: 10,
		run:       (*runner).help,
	})
}

// help runs /help and /help COMMAND.
func (r *runner) help(_ context.Context, c call) outcome {
	cmd := c.cmd
	if cmd.Topic != "" {
		if text, ok := catalogue().HelpTopic(r.prefix, cmd.Topic); ok {
			return outcome{header: text}
		}
	}
	return outcome{header: catalogue().HelpText(r.prefix)}
}
