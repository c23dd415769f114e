package handlers

import (
	"regexp"
	"strings"
	"time"

	"github.com/gotd/td/tg"
	"go.uber.org/zap"

	"persona/handlers/command"
)

// logCommand logs what command msg did: its word, its targets, the first
// line of its reply and how long it took. Phone numbers never reach the
// log: it may be shared, the chat is the owner's.
func (r *runner) logCommand(msg *tg.Message, j job, summary string, took time.Duration) {
	r.lg.Info("Command", zap.Int("msg_id", msg.ID), zap.String("command", commandWord(msg.Message)),
		zap.Strings("targets", targetLabels(j)), zap.String("outcome", hidePhones(summary)), zap.Duration("took_ms", took))
}

// phoneNumber is a phone number as a target label shows it.
var phoneNumber = regexp.MustCompile(`\+\d{5,15}`)

// hidePhones keeps phone numbers out of the log; the chat may show them.
func hidePhones(s string) string { return phoneNumber.ReplaceAllString(s, "+phone") }

// targetLabels names the command's targets for the log (none when it does
// not parse: the outcome says why).
func targetLabels(j job) []string {
	if j.bad != nil {
		return nil
	}
	out := make([]string, len(j.cmd.Targets))
	for i, t := range j.cmd.Targets {
		out[i] = t.Label()
		if t.Kind == command.Phone { // phone numbers never reach the log
			out[i] = "+phone"
		}
	}
	return out
}

func commandWord(text string) string {
	w, _, _ := strings.Cut(text, " ")
	if len(w) > 32 {
		w = w[:32]
	}
	return w
}
