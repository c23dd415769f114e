package handlers

import (
	"context"

	"go.uber.org/zap"

	"persona/handlers/command"
	"persona/storage"
)

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
