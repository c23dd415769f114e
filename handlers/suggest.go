package handlers

import (
	"context"

	"persona/handlers/command"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "suggest",
			Usage:   "/suggest TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]]",
			Summary: "suggests the media to each target as their own profile photo",
			Example: "/suggest @alice",
			Notes:   append([]string{"They get it in your chat with them and may accept it; your view of them stays."}, mediaNotes()...),
			Options: []string{"frame", "bg"},
			Targets: command.Many,
			Examples: []command.Example{
				{Text: "/suggest @alice", Note: "replying to a photo"},
				{Text: "/suggest @alice @bob frame=1", Note: "as the caption of a video: its frame at 1 s is the still cover"},
			},
		},
		helpOrder: 2,
		changes:   true,
		run:       func(r *runner, ctx context.Context, c call) outcome { return r.setPhoto(ctx, c, true) },
	})
}
