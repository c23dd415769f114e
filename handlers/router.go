package handlers

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/media"
)

// Options configure the Router.
type Options struct {
	Prefix  string
	DB      Store
	Logger  *zap.Logger
	Version string
	Now     func() time.Time
	// Location is the time zone replies show times in. Defaults to the
	// one the daemon runs in (time.Local).
	Location *time.Location
	// Wedged is how long one step of the worker may take before Healthy
	// says it is stuck. Defaults to 15 minutes.
	Wedged time.Duration
	// Workers is how many commands may run at once; commands for one
	// contact still run one after another, in order. Defaults to 16.
	Workers int
	// OnQuiet, when set, is called on a goroutine of its own once the
	// worker has had nothing to do for QuietAfter since it last ran a
	// command or its upkeep: a long-lived daemon hands memory back then.
	OnQuiet func()
	// QuietAfter defaults to a minute (quietAfter).
	QuietAfter time.Duration
}

func (o *Options) setDefaults() {
	if o.Logger == nil {
		o.Logger = zap.NewNop()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Prefix == "" {
		o.Prefix = "/"
	}
	if o.Wedged == 0 {
		o.Wedged = wedged
	}
	if o.Workers == 0 {
		o.Workers = 16
	}
	if o.QuietAfter == 0 {
		o.QuietAfter = quietAfter
	}
}

// Router receives new messages, picks the owner's commands, journals them
// and queues them for the worker. It implements session.App.
type Router struct {
	opts      Options
	lg        *zap.Logger
	journal   journal
	peers     peers
	queue     *queue
	channels  channelHashes
	deletions deletions
	started   time.Time
	lastErr   atomic.Value // string
	frozen    frozenState  // whether Telegram has frozen the account (OnFrozen)

	// catchUpWanted is the journalled need to read the history back
	// (OnTooLong, or a run before this one), until the worker has done it.
	catchUpWanted atomic.Bool

	worker  atomic.Pointer[worker] // set once by Start, when the session is authorised
	workers sync.WaitGroup
}

// journalKept is how long answered commands stay in the journal: long
// enough that a redelivered update is recognised, short enough to stay small.
const journalKept = 30 * 24 * time.Hour

// New makes a Router.
func New(opts Options) *Router {
	opts.setDefaults()
	return &Router{opts: opts, lg: opts.Logger, journal: opts.DB, peers: opts.DB, queue: newQueue(), started: opts.Now()}
}

// Start implements session.App: with the authorised client, it resumes the
// commands a previous run left unfinished and starts the worker.
func (r *Router) Start(ctx context.Context, api *tg.Client, self *tg.User, dcs media.DCs) error {
	w := newWorker(r, r.newRunner(api, self, dcs))
	catchUp, err := r.journal.CatchUpPending()
	if err != nil {
		return err
	}
	if catchUp {
		r.catchUpWanted.Store(true)
	}
	pending, err := r.journal.Pending()
	if err != nil {
		return err
	}
	for _, p := range pending {
		r.lg.Info("Resuming command", zap.Int("msg_id", p.MsgID), zap.Int("failed_attempts", p.Attempts))
		j, _ := r.newJob(p.MsgID, nil, p.Text) // no longer a command: its reply says so
		j.due = p.NextTry
		r.push(j)
	}
	if n, err := r.journal.Prune(r.opts.Now().Add(-journalKept)); err != nil {
		r.lg.Warn("Prune journal", zap.Error(err))
	} else if n > 0 {
		r.lg.Info("Pruned journal", zap.Int("entries", n))
	}
	r.worker.Store(w)
	r.workers.Add(1)
	go func() {
		defer r.workers.Done()
		w.loop(ctx)
	}()
	return nil
}

func (r *Router) newRunner(api *tg.Client, self *tg.User, dcs media.DCs) *runner {
	o := r.opts
	return &runner{
		settings: settings{
			prefix: o.Prefix, version: o.Version, started: r.started,
			now:  func() time.Time { return o.Now().In(o.Location) },
			zone: zone{o.Location},
		},
		stores: stores{journal: o.DB, records: o.DB, timers: o.DB, peers: o.DB, bulk: o.DB, archive: archiveOf(o.DB)},
		account: account{
			api: api, self: self, transfer: media.NewTransfer(api, dcs),
			sender: &sender{api: api, self: self.ID, journal: o.DB, prefix: o.Prefix, deletions: &r.deletions},
		},
		shared: shared{channels: &r.channels, lastErr: &r.lastErr, contacts: &contactList{}, frozen: &r.frozen, uploads: &uploadCache{}},
		lg:     r.lg,
	}
}

// Wait blocks until the worker has stopped, after the context given to
// Start ends; the database must stay open until then.
func (r *Router) Wait() { r.workers.Wait() }

// Healthy reports that no command or other step of the worker is stuck.
func (r *Router) Healthy() bool {
	w := r.worker.Load()
	return w == nil || w.healthy()
}

// OnNewMessage implements session.App. It only journals: the command runs
// on the worker, so updates keep flowing while a long upload goes on.
func (r *Router) OnNewMessage(ctx context.Context, e tg.Entities, u *tg.UpdateNewMessage) error {
	for _, ch := range e.Channels {
		r.channels.note([]tg.ChatClass{ch})
	}
	msg, ok := u.Message.(*tg.Message)
	if !ok {
		return nil
	}
	if j, ok := r.isCommand(msg); ok {
		if _, err := r.enqueue(j); err != nil {
			r.lg.Error("Journal command", zap.Int("msg_id", msg.ID), zap.Error(err))
			return err
		}
	}
	// After the journal: a command below the floor is one the journal has.
	if w := r.worker.Load(); w != nil {
		r.raiseFloor(w.run.self.ID, msg)
	}
	return nil
}

// enqueue journals a command and queues it, unless the journal has seen it
// before (a redelivered update, a message read back twice): fresh says.
func (r *Router) enqueue(j job) (fresh bool, err error) {
	fresh, err = r.journal.Begin(j.msgID, j.msg.Message, r.opts.Now())
	if err != nil || !fresh {
		return false, err
	}
	r.push(j)
	return true, nil
}

// isCommand keeps only what the owner wrote into Saved Messages: outgoing,
// not forwarded, not one of our replies, starting with the prefix and a
// command word. It returns the command's job, so the text is read once.
func (r *Router) isCommand(m *tg.Message) (job, bool) {
	w := r.worker.Load()
	if w == nil || !m.Out {
		return job{}, false
	}
	peer, ok := m.PeerID.(*tg.PeerUser)
	if !ok || peer.UserID != w.run.self.ID {
		return job{}, false
	}
	if _, fwd := m.GetFwdFrom(); fwd {
		return job{}, false
	}
	if !strings.HasPrefix(m.Message, r.opts.Prefix) { // " /setphoto" is a note, not a command
		return job{}, false
	}
	// The prefix alone ("/", "//", "/123") is no command word: INTERFACE.md
	// says such a message is ignored, not answered.
	j, ok := r.newJob(m.ID, m, m.Message)
	if !ok {
		return job{}, false
	}
	if isReply, err := r.journal.IsReply(m.ID); err != nil || isReply {
		return job{}, false
	}
	return j, true
}

// OnFloodWait implements session.FloodNotifier: every running command's
// reply says why nothing happens and when it will go on, and the running
// work is parked, so the worker goes on with what it may do.
func (r *Router) OnFloodWait(_ string, until time.Time) {
	if w := r.worker.Load(); w != nil {
		w.park(until)
	}
}

// OnTooLong implements session.TooLongNotifier. Telegram answered
// updates.differenceTooLong: the updates since the daemon last ran are gone
// (docs/ARCHITECTURE.md, pitfall 14), and with them any command written meanwhile.
// The need is journalled at once, so a restart still catches up, and the
// worker reads the history back before it runs anything else.
func (r *Router) OnTooLong() {
	if err := r.journal.SetCatchUp(true); err != nil {
		r.lg.Error("Journal the catch-up", zap.Error(err))
	}
	r.lg.Warn("Telegram skipped the updates since the last run; reading Saved Messages back for commands")
	r.catchUpWanted.Store(true)
	r.queue.wake()
}
