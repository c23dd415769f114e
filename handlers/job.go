package handlers

import (
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
)

// job is one command in the queue: its message, what the text says, and
// when and beside what it may run. The text is parsed once, when the
// message arrives or is read back from the journal.
type job struct {
	msgID int
	msg   *tg.Message // nil when it must be fetched (resumed after a restart)
	cmd   command.Command
	bad   error    // why the text is no valid command: its reply is this error
	h     *handler // nil when bad
	place
}

// place is when and behind what a job may start.
type place struct {
	// A job that failed waits until due before it is tried again.
	due time.Time
	// keys name the contacts the job changes (none when it changes
	// nothing): a later job for one of them waits behind it, so order per
	// contact holds.
	keys []string
	// yielded: a bulk job that gave way to the commands written since
	// (bulk.go); it starts again once none of them runs or could.
	yielded bool
}

func (j job) changes() bool { return j.h != nil && j.h.changes }
func (j job) reads() bool   { return j.h != nil && j.h.reads }

// errNotCommand answers a journalled text that no longer reads as a command
// (the prefix changed in the config since).
var errNotCommand = errors.New("not a command")

// newJob reads text, message msgID's, as a command; ok is false when it is
// none at all (then the job's bad says so). msg is nil when the message
// must be fetched before it runs.
func (r *Router) newJob(msgID int, msg *tg.Message, text string) (j job, ok bool) {
	j = job{msgID: msgID, msg: msg}
	cmd, ok, err := catalogue().Parse(text, r.opts.Prefix)
	switch {
	case !ok:
		j.bad = errNotCommand
	case err != nil:
		j.bad = err
	default:
		h := registry[cmd.Name]
		j.cmd, j.h = cmd, &h
	}
	return j, ok
}

// push queues j, naming the contacts it changes as the peer cache knows
// them now.
func (r *Router) push(j job) {
	j.keys = r.contactKeys(j)
	r.queue.push(j)
}
