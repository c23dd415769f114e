package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/storage"
)

// list runs /list: every contact with a personal photo set by Persona,
// checked with Telegram first so the list tells the truth.
func (r *Router) list(ctx context.Context) reply {
	removed, syncErr := r.syncRecords(ctx)
	recs, err := r.db.Photos()
	if err != nil {
		return failed("could not read the records: " + short(err))
	}
	if len(recs) == 0 && len(removed) == 0 {
		return done("no personal photos set yet; try " + r.opts.Prefix + "setphoto @username with a photo attached")
	}
	out := reply{header: plural(len(recs), "contact") + " with a personal photo"}
	for _, rec := range recs {
		line := "• " + labelOf(rec) + ": " + describeEntry(*rec.Current) + "; " + shownOnTelegram(rec, syncErr == nil)
		if rec.AddedContact && !rec.Current.AddedContact { // the entry says it itself otherwise
			line += "; added by Persona to your contacts"
		}
		out.add(true, line)
	}
	for _, label := range removed {
		out.add(true, "• "+label+": removed from another app; the record is reset")
	}
	if syncErr != nil {
		out.add(true, "(could not check with Telegram: "+short(syncErr)+")")
	}
	return out
}

func shownOnTelegram(rec storage.PhotoRecord, checked bool) string {
	switch {
	case rec.Elsewhere == storage.ElsewhereChanged:
		return "⚠ replaced from another app"
	case checked:
		return "Telegram shows it"
	case !rec.CheckedAt.IsZero():
		return "Telegram showed it at " + rec.CheckedAt.Format(timeFormat)
	}
	return "not checked with Telegram yet"
}

// help runs /help and /help COMMAND.
func (r *Router) help(cmd command.Command) reply {
	if cmd.Topic != "" {
		if text, ok := command.HelpTopic(r.opts.Prefix, cmd.Topic); ok {
			return reply{header: text}
		}
	}
	return reply{header: command.HelpText(r.opts.Prefix)}
}

// status runs /status.
func (r *Router) status() reply {
	_, self, _ := r.client()
	n, err := r.db.CountPhotos()
	if err != nil {
		return failed("could not read the records: " + short(err))
	}
	name := "unknown"
	if self != nil {
		name = fmt.Sprintf("%s (id %d)", DisplayName(self), self.ID)
	}
	last, _ := r.lastErr.Load().(string)
	if last == "" {
		last = "none"
	}
	out := reply{header: "Persona is running"}
	out.add(true, "account: "+name)
	out.add(true, "uptime: "+r.now().Sub(r.started).Round(time.Second).String())
	out.add(true, "version: "+r.opts.Version)
	out.add(true, "records: "+plural(n, "contact")+" with a personal photo")
	out.add(true, "last error: "+last)
	return out
}

// DisplayName is how Telegram's apps name a user: first and last name, else
// the username, for replies and the login message.
func DisplayName(u *tg.User) string {
	first, last, username := u.FirstName, u.LastName, u.Username
	switch {
	case first != "" && last != "":
		return first + " " + last
	case first != "":
		return first
	case username != "":
		return "@" + username
	}
	return "no name"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return itoa(n) + " " + noun + "s"
}
