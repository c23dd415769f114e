package handlers

import (
	"context"
	"fmt"
	"time"

	"persona/handlers/command"
	"persona/internal/names"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "status",
			Usage:   "/status",
			Summary: "shows the account, uptime, version, number of records and the last error",
			Example: "/status",
			Targets: command.None,
		},
		helpOrder: 11,
		run:       (*runner).status,
	})
}

// status runs /status.
func (r *runner) status(context.Context, call) outcome {
	self := r.self
	n, err := r.records.CountPhotos()
	if err != nil {
		return failed("could not read the records: " + short(err))
	}
	name := "unknown"
	if self != nil {
		name = fmt.Sprintf("%s (id %d)", names.Of(self), self.ID)
	}
	last, _ := r.lastErr.Load().(string)
	if last == "" {
		last = "none"
	}
	out := outcome{header: "Persona is running"}
	out.add(true, "account: "+name)
	out.add(true, "uptime: "+r.now().Sub(r.started).Round(time.Second).String())
	out.add(true, "version: "+r.version)
	out.add(true, "records: "+plural(n, "contact")+" with a personal photo")
	out.add(true, r.archiveLine())
	out.add(true, "last error: "+last)
	if s := r.hideRuleLine(); s != "" {
		out.add(true, s)
	}
	if r.frozen != nil {
		if s := r.frozen.statusLine(r.now()); s != "" {
			out.add(false, s)
		}
	}
	return out
}
