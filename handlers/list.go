package handlers

import (
	"context"

	"persona/handlers/command"
	"persona/storage"
)

func init() {
	register(handler{
		Spec: command.Spec{
			Name:    "list",
			Usage:   "/list",
			Summary: "lists the contacts with a personal photo",
			Example: "/list",
			Notes:   []string{"Says when each was set, from what media, any timer,", "and whether Telegram still shows it (another app may have changed it)."},
			Targets: command.None,
		},
		helpOrder: 9,
		reads:     true,
		run:       (*runner).list,
	})
}

// list runs /list: every contact with a personal photo set by Persona,
// checked with Telegram first so the list tells the truth.
func (r *runner) list(ctx context.Context, _ call) outcome {
	_, syncErr := r.syncRecords(ctx)
	recs, err := r.records.Photos()
	if err != nil {
		return failed("could not read the records: " + short(err))
	}
	others, err := r.records.ChangedElsewhere()
	if err != nil {
		return failed("could not read the records: " + short(err))
	}
	if len(recs) == 0 && len(others) == 0 {
		return done("no personal photos set yet; try " + r.prefix + "setphoto @username with a photo attached")
	}
	out := outcome{header: plural(len(recs), "contact") + " with a personal photo"}
	for _, rec := range recs {
		line := "• " + labelOf(rec) + ": " + describeEntry(*rec.Current, r.zone) + "; " + shownOnTelegram(rec, syncErr == nil, r.zone)
		if rec.AddedContact && !rec.Current.AddedContact { // the entry says it itself otherwise
			line += "; added by Persona to your contacts"
		}
		out.add(true, line)
	}
	for _, rec := range others {
		line := "• " + labelOf(rec) + ": " + elsewhereNote(rec, r.zone)
		if rec.Elsewhere == storage.ElsewhereRemoved {
			line += "; the record is reset"
		}
		out.add(true, line)
	}
	if syncErr != nil {
		r.noteError(syncErr)
		out.add(true, "(could not check with Telegram: "+short(syncErr)+")")
	}
	return out
}

func shownOnTelegram(rec storage.PhotoRecord, checked bool, z zone) string {
	switch {
	case rec.Elsewhere != "":
		return elsewhereNote(rec, z)
	case checked:
		return "Telegram shows it"
	case !rec.CheckedAt.IsZero():
		return "Telegram showed it at " + z.at(rec.CheckedAt)
	}
	return "not checked with Telegram yet"
}
