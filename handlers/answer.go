package handlers

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// progressEvery is how often a progress reply may change: often enough to
// look alive, rarely enough to cost Telegram nothing. A command done within
// it never shows progress at all.
const progressEvery = time.Second

// answer is a command's one reply message. It may first show progress
// (⏳), edited at most once a second, and always ends as the final ✅/❌ in
// the same message.
type answer struct {
	r     *Router
	cmdID int

	mu       sync.Mutex
	replyID  int    // our message, once sent
	progress bool   // a progress message may exist (journalled before sending)
	pending  string // progress text not shown yet
	shown    string // progress text on screen
	wake     chan struct{}
	stopped  chan struct{}
}

// newAnswer starts the answer of command cmdID, picking up a progress
// message an earlier run may have sent.
func (r *Router) newAnswer(ctx context.Context, cmdID int) *answer {
	a := &answer{r: r, cmdID: cmdID, wake: make(chan struct{}, 1), stopped: make(chan struct{})}
	if e, found, err := r.db.Entry(cmdID); err == nil && found {
		a.replyID, a.progress = e.ReplyID, e.Progress
	}
	go a.loop(ctx)
	return a
}

// show sets the progress text; the loop puts it on screen when it may.
func (a *answer) show(text string) {
	a.mu.Lock()
	a.pending = text
	a.mu.Unlock()
}

// showNow puts text on screen at once, e.g. a long flood wait.
func (a *answer) showNow(text string) {
	a.show(text)
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

func (a *answer) loop(ctx context.Context) {
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-a.stopped:
			return
		case <-tick.C:
		case <-a.wake:
		}
		a.flush(ctx)
	}
}

// flush shows the pending progress text. Errors only cost a progress step.
func (a *answer) flush(ctx context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	text := a.pending
	if text == "" || text == a.shown {
		return
	}
	if err := a.put(ctx, text, true); err != nil {
		a.r.lg.Debug("Progress reply", zap.Int("msg_id", a.cmdID), zap.Error(err))
		return
	}
	a.shown = text
}

// stop ends the progress updates.
func (a *answer) stop() {
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-a.stopped:
	default:
		close(a.stopped)
	}
}

// final stops the progress and sends or edits the answer's final text,
// returning the reply's message id.
func (a *answer) final(ctx context.Context, text string) (int, error) {
	a.stop()
	a.mu.Lock()
	defer a.mu.Unlock()
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
	parts := splitReply(text, a.r.opts.Prefix)
	if err := a.putFirst(ctx, parts[0], isProgress); err != nil {
		return err
	}
	if isProgress {
		return nil
	}
	return a.r.sendRest(ctx, a.cmdID, parts[1:])
}

// putFirst makes our reply message say text, which fits one message.
func (a *answer) putFirst(ctx context.Context, text string, isProgress bool) error {
	if a.replyID == 0 && !a.progress && !isProgress {
		id, err := a.r.reply(ctx, a.cmdID, text)
		a.replyID = id
		return err
	}
	recovering := a.progress && a.replyID == 0
	if !a.progress {
		if err := a.r.db.MarkProgress(a.cmdID); err != nil {
			return err
		}
		a.progress = true
	}
	if a.replyID == 0 {
		id, err := a.r.reply(ctx, a.cmdID, text)
		if err != nil {
			return err
		}
		if id == 0 {
			// Telegram has our reply (RANDOM_ID_DUPLICATE) but it is out of
			// sight: the text it shows is what there is.
			return nil
		}
		if err := a.r.db.SetReply(a.cmdID, id); err != nil {
			return err
		}
		a.replyID = id
		if !recovering {
			return nil
		}
	}
	api, _, _ := a.r.client()
	_, err := api.MessagesEditMessage(ctx, &tg.MessagesEditMessageRequest{
		Peer: &tg.InputPeerSelf{}, ID: a.replyID, Message: text, NoWebpage: true,
	})
	if tgerr.Is(err, "MESSAGE_NOT_MODIFIED") {
		return nil
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

// OnFloodWait implements session.FloodNotifier: the waiting command's
// reply says why nothing happens and when it will go on.
// The running work is parked, so the worker goes on with what it may do.
func (r *Router) OnFloodWait(_ string, until time.Time) {
	if a := r.current.Load(); a != nil {
		a.showNow(fmt.Sprintf("⏳ Telegram asks to wait %s; retrying at %s", roughDuration(until.Sub(r.now())), clockTime(r.now(), until)))
	}
	if cancel := r.park.Load(); cancel != nil {
		(*cancel)(&parked{until: until})
	}
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

// clockTime is t as a wall clock time, with the date when it is not today.
func clockTime(now, t time.Time) string {
	if y, m, d := now.Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format("15:04")
	}
	return t.Format(timeFormat)
}
