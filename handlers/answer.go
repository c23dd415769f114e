package handlers

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
)

// progressEvery is how often a progress reply may change: often enough to
// look alive, rarely enough to cost Telegram nothing. A command done within
// it never shows progress at all.
const progressEvery = time.Second

// answer is a command's one reply message. It may first show progress
// (⏳), edited at most once a second, and always ends as the final ✅/❌ in
// the same message, unless that message was deleted or Telegram will not
// edit it: then progress stops and the final text is a new message.
//
// Progress is put on screen by the answer's own loop, with a context of its
// own: the final text cancels a progress edit still under way instead of
// waiting behind it.
type answer struct {
	replies   *replies
	journal   journal
	deletions *deletions
	lg        *zap.Logger
	prefix    string
	cmdID     int

	mu      sync.Mutex // guards pending
	pending string     // progress text not shown yet
	wake    chan struct{}

	stopOnce sync.Once
	cancel   context.CancelFunc // ends the loop and its progress edit
	stopped  chan struct{}      // closed once the loop has ended

	// gone: the owner deleted our message, and the journal says so; the
	// next change reads the journal again instead of editing it.
	gone atomic.Bool

	// Only the loop touches these until stopped, then only final.
	replyID  int       // our message, once sent
	progress bool      // a progress message may exist (journalled before sending)
	renewed  int       // messages given up before: no progress since, and a random_id of its own
	stale    int       // a message given up that Telegram still shows, deleted once the answer is out
	shown    string    // progress text on screen
	shownAt  time.Time // when Telegram confirmed the last progress change
}

// newAnswer starts the answer of command cmdID, picking up a progress
// message an earlier run may have sent. stop ends its loop.
func (r *runner) newAnswer(ctx context.Context, cmdID int) *answer {
	a := &answer{replies: r.replies, journal: r.journal, deletions: r.deletions, lg: r.lg, prefix: r.prefix, cmdID: cmdID,
		wake: make(chan struct{}, 1), stopped: make(chan struct{})}
	if e, found, err := r.journal.Entry(cmdID); err == nil && found {
		a.replyID, a.progress, a.renewed = e.ReplyID, e.Progress, e.Renewed
	}
	ctx, a.cancel = context.WithCancel(ctx)
	go a.loop(ctx)
	return a
}

// show sets the progress text; the loop puts it on screen when it may.
func (a *answer) show(text string) {
	a.mu.Lock()
	a.pending = text
	a.mu.Unlock()
}

// showNow puts text on screen as soon as the rate allows, e.g. a long
// flood wait, without waiting for the first second to pass.
func (a *answer) showNow(text string) {
	a.show(text)
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// progressLook is how often the loop looks for new progress text; the
// changes themselves keep progressEvery apart.
const progressLook = progressEvery / 4

func (a *answer) loop(ctx context.Context) {
	defer close(a.stopped)
	start := time.Now()
	tick := time.NewTicker(progressLook)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if time.Since(start) < progressEvery {
				continue // a command done within a second never shows progress
			}
		case <-a.wake:
		}
		a.showPending(ctx, false)
	}
}

// showPending puts the pending progress text on screen, at most once every
// progressEvery counted from Telegram's answer to the change before (so
// Telegram, too, never sees two closer), unless now. Errors only cost a
// progress step.
func (a *answer) showPending(ctx context.Context, now bool) {
	a.mu.Lock()
	text := a.pending
	a.mu.Unlock()
	if text == "" || text == a.shown || (!now && time.Since(a.shownAt) < progressEvery) {
		return
	}
	if err := a.put(ctx, text, true); err != nil {
		a.lg.Debug("Progress reply", zap.Int("msg_id", a.cmdID), zap.Error(err))
		return
	}
	a.shown, a.shownAt = text, time.Now()
}

// stop ends the progress updates, cancelling one under way, and returns
// once they have ended.
func (a *answer) stop() {
	a.stopOnce.Do(a.cancel)
	<-a.stopped
}

// flush stops the progress and shows its last text, e.g. the notice of a
// long flood wait that parked the command.
func (a *answer) flush(ctx context.Context) {
	a.stop()
	a.showPending(ctx, true)
}

// final stops the progress and sends or edits the answer's final text,
// returning the reply's message id.
func (a *answer) final(ctx context.Context, text string) (int, error) {
	a.stop()
	if err := a.put(ctx, text, false); err != nil {
		return 0, err
	}
	return a.replyID, nil
}

// put makes our message say text: sent the first time, edited after. A
// progress message is journalled before it is sent; one whose id was lost in
// a crash is found again by sending with the same random_id, which Telegram
// answers with the old message, and then edited.
func (a *answer) put(ctx context.Context, text string, isProgress bool) error {
	parts := splitReply(text, a.prefix)
	if err := a.putFirst(ctx, parts[0], isProgress); err != nil {
		return err
	}
	if isProgress {
		return nil
	}
	return a.replies.sendRest(ctx, a.cmdID, parts[1:])
}

// putFirst makes our reply message say text, which fits one message.
// Once a message was given up (deleted by the owner, or refused an edit)
// no progress is shown any more: the owner cleared it away, and only the
// answer comes, as a new message.
func (a *answer) putFirst(ctx context.Context, text string, isProgress bool) error {
	a.reloadIfGone()
	if isProgress && a.renewed > 0 {
		return nil
	}
	if a.replyID == 0 && !a.progress && !isProgress {
		return a.sendNew(ctx, text)
	}
	recovering := a.progress && a.replyID == 0
	if !a.progress {
		if err := a.journal.MarkProgress(a.cmdID); err != nil {
			return err
		}
		a.progress = true
	}
	if a.replyID == 0 {
		id, err := a.replies.sendFirst(ctx, a.cmdID, a.renewed, text)
		if errors.Is(err, errReplyDeleted) {
			return a.renew(ctx, text, isProgress, deletedByOwner, false)
		}
		if err != nil {
			return err
		}
		if id == 0 {
			// Telegram has our reply (RANDOM_ID_DUPLICATE) but it is out of
			// sight: the text it shows is what there is.
			return nil
		}
		if err := a.journal.SetReply(a.cmdID, id); err != nil {
			return err
		}
		a.replyID = id
		if a.deletions.has(id) {
			// Deleted before it was journalled as ours: RepliesDeleted
			// could not know it.
			return a.renew(ctx, text, isProgress, deletedByOwner, false)
		}
		if !recovering {
			return nil
		}
	}
	return a.edit(ctx, text, isProgress)
}

// sendNew sends text as the answer's first message, replying to the
// command; a message given up before goes once this one is out.
func (a *answer) sendNew(ctx context.Context, text string) error {
	id, err := a.replies.sendFirst(ctx, a.cmdID, a.renewed, text)
	a.replyID = id
	if err == nil {
		a.dropStale(ctx)
	}
	return err
}

// uploadProgress shows an upload of more than 1 MiB as it goes.
func (a *answer) uploadProgress(done, total int64) {
	if total <= 1<<20 {
		return
	}
	a.show(fmt.Sprintf("⏳ uploading %.1f/%.1f MiB", float64(done)/(1<<20), float64(total)/(1<<20)))
}

// roughDuration says a wait the way a person would: "2 h", "1 h 30 min",
// "5 min", "40 s".
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	}
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// clockTime is t as a wall clock time in now's zone, named, with the date
// when it is not today.
func clockTime(now, t time.Time) string {
	t = t.In(now.Location())
	if y, m, d := now.Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format("15:04 MST")
	}
	return t.Format(timeFormat)
}
