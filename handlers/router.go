// Package handlers turns the owner's Saved Messages into commands: it
// filters messages, journals each command, runs it, and replies once.
package handlers

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/media"
	"persona/storage"
)

// Options configure the Router.
type Options struct {
	Prefix  string
	DB      *storage.DB
	Logger  *zap.Logger
	Version string
	Now     func() time.Time
	// Wedged is how long one step of the worker may take before Healthy
	// says it is stuck. Defaults to 15 minutes.
	Wedged time.Duration
}

// Router receives new messages, picks the owner's commands and runs them
// one at a time, oldest first.
type Router struct {
	opts    Options
	db      *storage.DB
	lg      *zap.Logger
	now     func() time.Time
	started time.Time
	queue   *queue

	mu       sync.Mutex // guards api, self, transfer
	api      *tg.Client
	self     *tg.User
	transfer *media.Transfer

	lastErr atomic.Value // string
	workers sync.WaitGroup

	current atomic.Pointer[answer]                  // the running command's answer, for progress
	park    atomic.Pointer[context.CancelCauseFunc] // stops the running work when Telegram asks for a long wait
	held    time.Time                               // worker only: until then only read-only commands run

	busySince     atomic.Int64 // unix nanoseconds the running command started; 0 when idle
	catchUpWanted atomic.Bool  // Telegram skipped updates: read the history back
	channels      channelHashes
	nextSync      time.Time // worker only: when the records are next checked with Telegram

	timerWake    chan struct{} // a timed photo was set
	timerRetryAt time.Time     // worker only: no timers before this, after a failure
}

// journalKept is how long answered commands stay in the journal: long
// enough that a redelivered update is recognised, short enough to stay small.
const journalKept = 30 * 24 * time.Hour

// New makes a Router.
func New(opts Options) *Router {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Prefix == "" {
		opts.Prefix = "/"
	}
	if opts.Wedged == 0 {
		opts.Wedged = wedged
	}
	return &Router{opts: opts, db: opts.DB, lg: opts.Logger, now: opts.Now, started: opts.Now(), queue: newQueue(),
		timerWake: make(chan struct{}, 1)}
}

// Start implements session.App: it resumes the commands a previous run left
// unfinished and starts the worker.
func (r *Router) Start(ctx context.Context, api *tg.Client, self *tg.User, dcs media.DCs) error {
	r.mu.Lock()
	r.api, r.self, r.transfer = api, self, media.NewTransfer(api, dcs)
	r.mu.Unlock()
	pending, err := r.db.Pending()
	if err != nil {
		return err
	}
	for _, p := range pending {
		r.lg.Info("Resuming command", zap.Int("msg_id", p.MsgID), zap.Int("failed_attempts", p.Attempts))
		j := r.newJob(p.MsgID, p.Text)
		j.due = p.NextTry
		r.queue.push(j)
	}
	if n, err := r.db.Prune(r.now().Add(-journalKept)); err != nil {
		r.lg.Warn("Prune journal", zap.Error(err))
	} else if n > 0 {
		r.lg.Info("Pruned journal", zap.Int("entries", n))
	}
	r.workers.Add(1)
	go func() {
		defer r.workers.Done()
		r.work(ctx)
	}()
	return nil
}

// Wait blocks until the worker has stopped, after the context given to
// Start ends; the database must stay open until then.
func (r *Router) Wait() { r.workers.Wait() }

// OnNewMessage implements session.App. It only journals: the command runs
// on the worker, so updates keep flowing while a long upload goes on.
func (r *Router) OnNewMessage(ctx context.Context, e tg.Entities, u *tg.UpdateNewMessage) error {
	for _, ch := range e.Channels {
		r.channels.note([]tg.ChatClass{ch})
	}
	msg, ok := u.Message.(*tg.Message)
	if !ok || !r.isCommand(msg) {
		return nil
	}
	if _, err := r.enqueue(msg); err != nil {
		r.lg.Error("Journal command", zap.Int("msg_id", msg.ID), zap.Error(err))
		return err
	}
	return nil
}

// enqueue journals a command and queues it, unless the journal has seen it
// before (a redelivered update, a message read back twice): fresh says.
func (r *Router) enqueue(msg *tg.Message) (fresh bool, err error) {
	fresh, err = r.db.Begin(msg.ID, msg.Message, r.now())
	if err != nil || !fresh {
		return false, err
	}
	j := r.newJob(msg.ID, msg.Message)
	j.msg = msg
	r.queue.push(j)
	return true, nil
}

// isCommand keeps only what the owner wrote into Saved Messages: outgoing,
// not forwarded, not one of our replies, starting with the prefix.
func (r *Router) isCommand(m *tg.Message) bool {
	r.mu.Lock()
	self := r.self
	r.mu.Unlock()
	if self == nil || !m.Out {
		return false
	}
	peer, ok := m.PeerID.(*tg.PeerUser)
	if !ok || peer.UserID != self.ID {
		return false
	}
	if _, fwd := m.GetFwdFrom(); fwd {
		return false
	}
	if len(m.Message) < len(r.opts.Prefix) || m.Message[:len(r.opts.Prefix)] != r.opts.Prefix {
		return false
	}
	// The prefix alone ("/", "//", "/123") is no command word: INTERFACE.md
	// says such a message is ignored, not answered.
	if _, ok, _ := command.Parse(m.Message, r.opts.Prefix); !ok {
		return false
	}
	if isReply, err := r.db.IsReply(m.ID); err != nil || isReply {
		return false
	}
	return true
}

func (r *Router) client() (*tg.Client, *tg.User, *media.Transfer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.api, r.self, r.transfer
}
