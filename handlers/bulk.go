package handlers

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"persona/handlers/command"
	"persona/storage"
)

// A bulk job is one command for every contact (`/hide all`): one journal
// entry, with its list of contacts and each one's state in storage's
// bulk jobs. It runs in slices of bulkSlice contacts, bulkParallel calls
// at a time; after each slice it shows its progress and, when commands
// written since wait to run, gives way to them (errYield: it is queued
// again behind them) and goes on with the next slice afterwards. A
// restart resumes it from its list: contacts done are not done again, and
// a contact whose call was under way is looked at first (recoverStarted).

// bulkSlice is how many contacts a bulk job does before it looks whether
// other commands wait; bulkParallel how many contacts it does at once,
// within the session's rate limit (session/ratelimit.go). A contact of
// /hide all costs two calls one after the other (its picture's upload,
// then uploadContactProfilePhoto), so 16 at once keep the 100 calls a
// second the limit allows busy at 50 ms; 8 left it idle (BenchmarkHideAll).
const (
	bulkSlice    = 64
	bulkParallel = 16
)

// bulkAnnounce: a job that changes more contacts than this says how many
// before it starts.
const bulkAnnounce = 10

// bulkVerb is what a bulk job does to each contact; /hide, /reset, /keep
// and /undo each have one (bulkverbs.go).
type bulkVerb interface {
	// pick is the job on its first run: the contacts to change, and the
	// others counted in job.Skipped by why they are left out.
	pick(r *runner, ctx context.Context, msgID int) (storage.BulkJob, []storage.Contact, error)
	// do changes one contact and records it with step (storage's steps).
	do(r *runner, ctx context.Context, msgID int, c storage.Contact, step storage.Step) (ok bool, line string)
	bulkRecorder
}

// bulkRecorder tells and records a change made before a restart cut it
// short (recoverStarted); /import has one too (importrun.go).
type bulkRecorder interface {
	// happened tells, from what Telegram shows now, whether a contact's
	// change was made before a restart cut it short; record then records it.
	happened(before, now storage.Contact) bool
	record(r *runner, msgID int, c storage.Contact, now storage.Contact, step storage.Step) (line string, err error)
}

// jobVerb is a bulkVerb that needs what its pick wrote in the job (what
// /undo all undoes), given once the job is read.
type jobVerb interface {
	withJob(storage.BulkJob) bulkVerb
}

// runBulk runs (or resumes) the bulk job of command c with verb v.
func (r *runner) runBulk(ctx context.Context, c call, v bulkVerb) outcome {
	msgID := c.msg.ID
	job, items, err := r.bulkJob(ctx, c, v)
	if err != nil {
		return failed(explain("the contact list", err))
	}
	if j, ok := v.(jobVerb); ok {
		v = j.withJob(job) // what the verb wrote at pick, e.g. what /undo all undoes
	}
	if err := r.recoverStarted(ctx, msgID, items, v); err != nil {
		return failed(explain("the contacts under way before the restart", err))
	}
	if ctx.Err() != nil {
		return outcome{}
	}
	if _, items, _, err = r.bulk.Bulk(msgID); err != nil {
		return failed(explain("the bulk job", err))
	}
	var todo []storage.BulkItem
	for _, it := range items {
		if it.State == storage.BulkToDo || it.State == storage.BulkStarted {
			todo = append(todo, it)
		}
	}
	count := countOf(items)
	for len(todo) > 0 {
		slice := todo[:min(bulkSlice, len(todo))]
		todo = todo[len(slice):]
		slice, err := r.dropChanged(ctx, msgID, slice, count)
		if err != nil {
			if ctx.Err() != nil {
				return outcome{} // held by a flood wait or stopping: resumed later
			}
			return failed(explain("the contacts as they are now", err))
		}
		if err := r.bulk.MarkBulkStarted(msgID, indexesOf(slice)); err != nil {
			return failed(explain("the bulk job", err))
		}
		r.runSlice(ctx, msgID, slice, v, count)
		if ctx.Err() != nil {
			return outcome{} // held by a flood wait or stopping: resumed later
		}
		c.status.show(count.progress())
		if len(todo) > 0 && r.othersWaiting != nil && r.othersWaiting() {
			return outcome{yield: true}
		}
	}
	if f, ok := v.(bulkFinisher); ok {
		if err := f.finished(r); err != nil {
			return failed(explain("the end of the bulk job", err))
		}
	}
	return r.finishBulk(msgID, job)
}

// bulkFinisher is a bulkVerb with something to do once every contact is
// done: /hide all's standing rule starts then, so the rule's own check
// never races the job for the contacts still to do.
type bulkFinisher interface {
	finished(r *runner) error
}

// bulkJob reads the job of msgID, or picks its contacts and writes it on
// its first run, saying how many contacts it will change.
func (r *runner) bulkJob(ctx context.Context, c call, v bulkVerb) (storage.BulkJob, []storage.BulkItem, error) {
	job, items, found, err := r.bulk.Bulk(c.msg.ID)
	if err != nil || found {
		return job, items, err
	}
	job, contacts, err := v.pick(r, ctx, c.msg.ID)
	if err != nil {
		return job, nil, err
	}
	job.MsgID, job.Verb = c.msg.ID, c.cmd.Name
	if _, err := r.bulk.StartBulk(job, contacts); err != nil {
		return job, nil, err
	}
	if len(contacts) > bulkAnnounce {
		c.status.showNow("⏳ " + thousands(len(contacts)) + " contacts will change" + skippedText(job.Skipped) + "…")
	}
	job, items, _, err = r.bulk.Bulk(c.msg.ID)
	return job, items, err
}

// runSlice does the contacts of slice, bulkParallel at a time.
func (r *runner) runSlice(ctx context.Context, msgID int, slice []storage.BulkItem, v bulkVerb, count *bulkCount) {
	sem := make(chan struct{}, bulkParallel)
	var wg sync.WaitGroup
	for _, it := range slice {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			step := storage.Step{MsgID: msgID, Index: it.Index, Bulk: true}
			ok, line := v.do(r, ctx, msgID, it.Contact, step)
			if ctx.Err() != nil {
				return // left started: looked at again when resumed
			}
			// Recorded with the change on success; a failure, or a
			// contact left as it was, is recorded here (the first counts).
			if err := r.journal.RecordStep(finished(step, ok, line)); err != nil {
				r.lg.Warn("Record a bulk step: " + err.Error())
			}
			count.add(ok)
		}()
	}
	wg.Wait()
}

func indexesOf(items []storage.BulkItem) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = it.Index
	}
	return out
}

// finishBulk closes the job and answers with its counts and its failures
// by name.
func (r *runner) finishBulk(msgID int, job storage.BulkJob) outcome {
	r.uploads.clear()
	if err := r.bulk.FinishBulk(msgID); err != nil {
		return failed(explain("the bulk job", err))
	}
	_, items, _, err := r.bulk.Bulk(msgID)
	if err != nil {
		return failed(explain("the bulk job", err))
	}
	count := countOf(items)
	if count.skipped > 0 {
		if job.Skipped == nil {
			job.Skipped = map[string]int{}
		}
		job.Skipped[skipChanged] += count.skipped
	}
	out := outcome{header: count.summary() + skippedText(job.Skipped)}
	for _, it := range items {
		if it.State == storage.BulkFailed {
			out.add(false, "❌ "+it.Line)
		}
	}
	return out
}

// bulkCount is how far a job got.
type bulkCount struct {
	mu                  sync.Mutex
	total, done, failed int
	skipped             int // changed since the job began: not in total
}

func countOf(items []storage.BulkItem) *bulkCount {
	c := &bulkCount{total: len(items)}
	for _, it := range items {
		switch it.State {
		case storage.BulkSkipped: // since the job began (dropChanged)
			c.total--
			c.skipped++
		case storage.BulkDone:
			c.done++
		case storage.BulkFailed:
			c.failed++
		}
	}
	return c
}

func (c *bulkCount) add(ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok {
		c.done++
	} else {
		c.failed++
	}
}

// skip takes n contacts left out since the job began off the total.
func (c *bulkCount) skip(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.total -= n
	c.skipped += n
}

// progress is the reply while the job runs: `3,000 contacts: 1,200 done, 3 failed…`.
func (c *bulkCount) progress() string {
	return "⏳ " + c.summary() + "…"
}

func (c *bulkCount) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%s contacts: %s done, %s failed", thousands(c.total), thousands(c.done), thousands(c.failed))
}

// skippedText names the contacts left out, by why, in a fixed order.
func skippedText(skipped map[string]int) string {
	s := ""
	for _, why := range skipReasons {
		if n := skipped[why]; n > 0 {
			s += fmt.Sprintf("; %s skipped (%s)", thousands(n), why)
		}
	}
	return s
}

// Why a bulk job leaves a contact out.
const (
	skipBot      = "bots"
	skipDeleted  = "deleted accounts"
	skipSelf     = "yourself"
	skipNoPhoto  = "no photo of their own"
	skipNoneSet  = "no personal photo"
	skipChanged  = "changed since the job began"
	skipNotBulks = "not set by that job"
	skipPersonal = "a personal photo already, which they keep"
)

var skipReasons = []string{skipBot, skipDeleted, skipSelf, skipNoPhoto, skipNoneSet, skipChanged, skipNotBulks, skipPersonal}

// thousands writes n with a comma every three digits: 3,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// targetOf names a contact of a bulk job for the commands' own steps and
// their replies: by username when they have one, else by id.
func targetOf(c storage.Contact) command.Target {
	if c.Username != "" {
		return command.Target{Kind: command.Username, Raw: "@" + c.Username, Value: c.Username}
	}
	id := strconv.FormatInt(c.ID, 10)
	return command.Target{Kind: command.UserID, Raw: id, Value: id, ID: c.ID}
}
