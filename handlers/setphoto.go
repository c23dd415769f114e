package handlers

import (
	"context"

	"persona/handlers/command"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "setphoto",
			Usage:   "/setphoto TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]] [for=DURATION] [suggest=yes] [add=yes]",
			Summary: "sets a personal photo for each target, one that only you see",
			Example: "/setphoto @alice for=7d",
			Notes:   append(mediaNotes(), "Reply to a /history answer, quoting one of its lines, to set that photo again."),
			Options: []string{"frame", "bg", "for", "suggest", "add"},
			Targets: command.Many,
			Examples: []command.Example{
				{Text: "/setphoto @alice @bob", Note: "as the caption of a photo, or replying to one: both get it"},
				{Text: "/setphoto @alice for=12h", Note: "for 12 hours, then back to the photo before"},
			},
		},
		helpOrder: 1,
		changes:   true,
		run:       func(r *runner, ctx context.Context, c call) outcome { return r.setPhoto(ctx, c, false) },
	})
}
