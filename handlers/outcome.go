package handlers

import (
	"context"
	"strings"

	"go.uber.org/zap"

	"persona/handlers/command"
	"persona/storage"
)

// line is what happened to one target.
type line struct {
	ok   bool
	text string
}

// outcome is what a command's run found: an optional header and one line
// per target. Its String is the reply's final text, with ✅ when everything
// succeeded and ❌ when anything failed.
type outcome struct {
	header string // optional, e.g. "personal photo set for 3 contacts"
	lines  []line
}

func done(text string) outcome   { return outcome{lines: []line{{ok: true, text: text}}} }
func failed(text string) outcome { return outcome{lines: []line{{ok: false, text: text}}} }

func (r *outcome) add(ok bool, text string) { r.lines = append(r.lines, line{ok: ok, text: text}) }

func (r outcome) allOK() bool {
	for _, l := range r.lines {
		if !l.ok {
			return false
		}
	}
	return true
}

func mark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}

func (r outcome) String() string {
	var b strings.Builder
	switch {
	case r.header != "":
		b.WriteString(mark(r.allOK()) + " " + r.header)
		for _, l := range r.lines {
			b.WriteString("\n" + l.text)
		}
	case len(r.lines) == 1:
		b.WriteString(mark(r.lines[0].ok) + " " + r.lines[0].text)
	default:
		// Several targets: the first line carries the overall mark.
		failures := 0
		for _, l := range r.lines {
			if !l.ok {
				failures++
			}
		}
		if failures == 0 {
			b.WriteString("✅ all " + itoa(len(r.lines)) + " done")
		} else {
			b.WriteString("❌ " + itoa(failures) + " of " + itoa(len(r.lines)) + " failed")
		}
		for _, l := range r.lines {
			b.WriteString("\n" + mark(l.ok) + " " + l.text)
		}
	}
	return b.String()
}

// targetFunc does one target of a command. A photo change must be saved
// together with the step (storage's variadic steps), so the journal and the
// record can never disagree after a crash.
type targetFunc func(t command.Target, step storage.Step) (ok bool, line string)

// eachTarget runs f for every target of command msgID and gathers one line
// per target. Targets a previous run already finished (the daemon stopped
// mid-command) are not run again: their recorded line is reused.
func (r *runner) eachTarget(ctx context.Context, msgID int, targets []command.Target, f targetFunc) outcome {
	done, err := r.journal.Steps(msgID)
	if err != nil {
		return failed("could not read the command journal: " + short(err))
	}
	var out outcome
	for i, t := range targets {
		if s, ok := done[i]; ok {
			out.add(s.OK, s.Line)
			continue
		}
		step := storage.Step{MsgID: msgID, Index: i}
		ok, line := f(t, step)
		if ctx.Err() != nil {
			return out // stopping: the outcome is the stop, not the target's; resume it next start
		}
		if err := r.journal.RecordStep(finished(step, ok, line)); err != nil {
			r.lg.Warn("Record step", zap.Int("msg_id", msgID), zap.Int("target", i), zap.Error(err))
		}
		out.add(ok, line)
	}
	return out
}

// allDone reports whether a previous run finished every target of msgID.
func (r *runner) allDone(msgID int, targets []command.Target) bool {
	done, err := r.journal.Steps(msgID)
	return err == nil && len(done) >= len(targets)
}

// finished fills in the step's outcome.
func finished(s storage.Step, ok bool, line string) storage.Step {
	s.OK, s.Line = ok, line
	return s
}
