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

// statusMessage is what a running command shows in its reply: progress
// (⏳), edited at most once a second, then the final ✅/❌ in the same
// message, unless that message was deleted or Telegram will not edit it:
// then progress stops and the final text is a new message.
//
// Progress is put on screen by the status message's own loop, with a
// context of its own: the final text cancels a progress edit still under
// way instead of waiting behind it.
type statusMessage struct {
	sender *sender
	lg     *zap.Logger
	cmdID  int
	file   fileNaming
	progressText
	progressLoop
	onScreen
}

// progressText is the progress a command reports and what of it is shown.
type progressText struct {
	mu      sync.Mutex // guards pending
	pending string     // progress text not shown yet
	wake    chan struct{}
	shown   string    // progress text on screen; only the loop touches it
	shownAt time.Time // when Telegram confirmed the last progress change
}

// progressLoop ends the loop that puts progress on screen.
type progressLoop struct {
	stopOnce sync.Once
	cancel   context.CancelFunc // ends the loop and its progress edit
	stopped  chan struct{}      // closed once the loop has ended
}

// onScreen is the message the reply lives in, as the journal knows it.
// Only the loop touches it until stopped, then only final; gone is set
// from elsewhere.
type onScreen struct {
	// gone: the owner deleted our message, and the journal says so; the
	// next change reads the journal again instead of editing it.
	gone     atomic.Bool
	replyID  int  // our message, once sent
	progress bool // a progress message may exist (journalled before sending)
	renewed  int  // messages given up before: no progress since, and a random_id of its own
	stale    int  // a message given up that Telegram still shows, deleted once the final text is out
}

// newStatusMessage starts the status message of command cmdID, picking up a progress
// message an earlier run may have sent. stop ends its loop.
func (r *runner) newStatusMessage(ctx context.Context, cmdID int) *statusMessage {
	m := &statusMessage{sender: r.sender, lg: r.lg, cmdID: cmdID,
		progressText: progressText{wake: make(chan struct{}, 1)}, progressLoop: progressLoop{stopped: make(chan struct{})}}
	if e, found, err := r.journal.Entry(cmdID); err == nil && found {
		m.replyID, m.progress, m.renewed = e.ReplyID, e.Progress, e.Renewed
	}
	ctx, m.cancel = context.WithCancel(ctx)
	go m.loop(ctx)
	return m
}

// show sets the progress text; the loop puts it on screen when it may.
func (m *statusMessage) show(text string) {
	m.mu.Lock()
	m.pending = text
	m.mu.Unlock()
}

// showNow puts text on screen as soon as the rate allows, e.g. a long
// flood wait, without waiting for the first second to pass.
func (m *statusMessage) showNow(text string) {
	m.show(text)
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// progressLook is how often the loop looks for new progress text; the
// changes themselves keep progressEvery apart.
const progressLook = progressEvery / 4

func (m *statusMessage) loop(ctx context.Context) {
	defer close(m.stopped)
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
		case <-m.wake:
		}
		m.showPending(ctx, false)
	}
}

// showPending puts the pending progress text on screen, at most once every
// progressEvery counted from Telegram's answer to the change before (so
// Telegram, too, never sees two closer), unless now. Errors only cost a
// progress step.
func (m *statusMessage) showPending(ctx context.Context, now bool) {
	m.mu.Lock()
	text := m.pending
	m.mu.Unlock()
	if text == "" || text == m.shown || (!now && time.Since(m.shownAt) < progressEvery) {
		return
	}
	if err := m.put(ctx, text, true); err != nil {
		m.lg.Debug("Progress reply", zap.Int("msg_id", m.cmdID), zap.Error(err))
		return
	}
	m.shown, m.shownAt = text, time.Now()
}

// stop ends the progress updates, cancelling one under way, and returns
// once they have ended.
func (m *statusMessage) stop() {
	m.stopOnce.Do(m.cancel)
	<-m.stopped
}

// flush stops the progress and shows its last text, e.g. the notice of a
// long flood wait that parked the command.
func (m *statusMessage) flush(ctx context.Context) {
	m.stop()
	m.showPending(ctx, true)
}

// final stops the progress and sends or edits the reply's final text,
// returning the reply's message id.
func (m *statusMessage) final(ctx context.Context, text string) (int, error) {
	m.stop()
	if err := m.put(ctx, text, false); err != nil {
		return 0, err
	}
	return m.replyID, nil
}

// put makes our message say text: sent the first time, edited after. A
// progress message is journalled before it is sent; one whose id was lost in
// a crash is found again by sending with the same random_id, which Telegram
// answers with the old message, and then edited.
func (m *statusMessage) put(ctx context.Context, text string, isProgress bool) error {
	parts := splitReply(text, m.sender.prefix)
	if !isProgress && len(parts) > maxReplyParts {
		return m.putFile(ctx, text)
	}
	if err := m.putFirst(ctx, parts[0], isProgress); err != nil {
		return err
	}
	if isProgress {
		return nil
	}
	return m.sender.sendRest(ctx, m.cmdID, parts[1:])
}

// putFirst makes our reply message say text, which fits one message.
// Once a message was given up (deleted by the owner, or refused an edit)
// no progress is shown any more: the owner cleared it away, and only the
// final text comes, as a new message.
func (m *statusMessage) putFirst(ctx context.Context, text string, isProgress bool) error {
	m.reloadIfGone()
	if isProgress && m.renewed > 0 {
		return nil
	}
	if m.replyID == 0 && !m.progress && !isProgress {
		return m.sendNew(ctx, text)
	}
	recovering := m.progress && m.replyID == 0
	if !m.progress {
		if err := m.sender.journal.MarkProgress(m.cmdID); err != nil {
			return err
		}
		m.progress = true
	}
	if m.replyID == 0 {
		id, err := m.sender.sendFirst(ctx, m.cmdID, m.renewed, text)
		if errors.Is(err, errReplyDeleted) {
			return m.renew(ctx, text, isProgress, deletedByOwner, false)
		}
		if err != nil {
			return err
		}
		if id == 0 {
			// Telegram has our reply (RANDOM_ID_DUPLICATE) but it is out of
			// sight: the text it shows is what there is.
			return nil
		}
		if err := m.sender.journal.SetReply(m.cmdID, id); err != nil {
			return err
		}
		m.replyID = id
		if m.sender.deletions.has(id) {
			// Deleted before it was journalled as ours: RepliesDeleted
			// could not know it.
			return m.renew(ctx, text, isProgress, deletedByOwner, false)
		}
		if !recovering {
			return nil
		}
	}
	return m.edit(ctx, text, isProgress)
}

// sendNew sends text as the reply's first message, replying to the
// command; a message given up before goes once this one is out.
func (m *statusMessage) sendNew(ctx context.Context, text string) error {
	id, err := m.sender.sendFirst(ctx, m.cmdID, m.renewed, text)
	m.replyID = id
	if err == nil {
		m.dropStale(ctx)
	}
	return err
}

// uploadProgress shows an upload of more than 1 MiB as it goes.
func (m *statusMessage) uploadProgress(done, total int64) {
	if total <= 1<<20 {
		return
	}
	m.show(fmt.Sprintf("⏳ uploading %.1f/%.1f MiB", float64(done)/(1<<20), float64(total)/(1<<20)))
}
