package handlers

import (
	"context"
	"fmt"
	"sync"

	"persona/media/vcard"
	"persona/storage"
)

// cardRun is the second reading of an /import's file: the cards to do, a
// slice of bulkSlice at a time, bulkParallel photos set at once. A slice
// is marked started before its cards are read, so a restart looks at what
// Telegram shows for them first (recoverStarted); after each slice the
// reply shows the progress and, when other commands wait, the reading
// stops and the job gives way to them.
type cardRun struct {
	r      *runner
	ctx    context.Context
	c      call
	imp    *vcardImport
	count  *cardCount
	todo   []storage.BulkItem       // the slices after the one under way
	wanted map[int]storage.BulkItem // the slice under way, by card index
	sem    chan struct{}
	wg     sync.WaitGroup
	yield  bool
	err    error
}

// setCards sets the photos of the job's cards still to do (or under way
// when a restart cut it short and Telegram shows nothing done), reading
// the file again from its start.
func (r *runner) setCards(ctx context.Context, c call, imp *vcardImport, items []storage.BulkItem) (yield bool, err error) {
	run := &cardRun{r: r, ctx: ctx, c: c, imp: imp, count: cardCountOf(items), sem: make(chan struct{}, bulkParallel)}
	for _, it := range items {
		if it.State == storage.BulkToDo || it.State == storage.BulkStarted {
			run.todo = append(run.todo, it)
		}
	}
	if len(run.todo) == 0 {
		return false, nil
	}
	if err := run.nextSlice(); err != nil {
		return false, err
	}
	err = r.eachCard(ctx, imp.doc, run.card)
	run.wg.Wait()
	if err == nil && run.err == nil && ctx.Err() == nil && !run.yield && len(run.wanted)+len(run.todo) > 0 {
		run.lost()
	}
	return run.yield, cmpErr(err, run.err)
}

// nextSlice marks the next slice's cards started and waits for them.
func (run *cardRun) nextSlice() error {
	slice := run.todo[:min(bulkSlice, len(run.todo))]
	run.todo = run.todo[len(slice):]
	run.wanted = make(map[int]storage.BulkItem, len(slice))
	for _, it := range slice {
		run.wanted[it.Index+1] = it
	}
	return run.r.bulk.MarkBulkStarted(run.imp.msgID, indexesOf(slice))
}

// card sets a card of the slice under way, on a goroutine of its own
// with its photo, and ends the slice with its last card.
func (run *cardRun) card(card vcard.Card) (stop bool) {
	if run.ctx.Err() != nil {
		return true
	}
	it, ok := run.wanted[card.Index]
	if !ok {
		return false
	}
	delete(run.wanted, card.Index)
	run.sem <- struct{}{}
	run.wg.Add(1)
	go func() {
		defer func() { <-run.sem; run.wg.Done() }()
		step := run.r.setCard(run.ctx, run.imp, card, it)
		if run.ctx.Err() != nil {
			return // left started: looked at again when resumed
		}
		// A photo set was recorded with its step; this records the rest
		// (the first outcome counts).
		if err := run.r.journal.RecordStep(step); err != nil {
			run.r.lg.Warn("Record a card's step: " + err.Error())
		}
		run.count.add(step.OK)
	}()
	if len(run.wanted) > 0 {
		return false
	}
	return run.endSlice()
}

// endSlice waits for the slice's cards, shows the progress, and stops the
// reading when the job is done or gives way.
func (run *cardRun) endSlice() (stop bool) {
	run.wg.Wait()
	if run.ctx.Err() != nil {
		return true
	}
	if run.c.status != nil {
		run.c.status.show(run.count.progress(run.imp.doc.name))
	}
	if len(run.todo) == 0 {
		return true
	}
	if others := run.r.othersWaiting; others != nil && others() {
		run.yield = true
		return true
	}
	if err := run.nextSlice(); err != nil {
		run.err = err
		return true
	}
	return false
}

// lost fails the cards to do that the file no longer holds: only a file
// that changed under the same message, which Telegram does not allow.
func (run *cardRun) lost() {
	for _, it := range append(run.todo, mapValues(run.wanted)...) {
		line := fmt.Sprintf("card %d: no longer in the file", it.Index+1)
		step := storage.Step{MsgID: run.imp.msgID, Index: it.Index, Bulk: true, Tally: tallyFailed, Line: line}
		if err := run.r.journal.RecordStep(step); err != nil {
			run.r.lg.Warn("Record a card's step: " + err.Error())
		}
	}
}

func mapValues(m map[int]storage.BulkItem) []storage.BulkItem {
	out := make([]storage.BulkItem, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// importRecorder tells, after a restart, whether a card's photo under way
// was set (Telegram shows a new personal photo) and records it as set.
type importRecorder struct{ imp *vcardImport }

func (importRecorder) happened(before, now storage.Contact) bool { return changedPhoto(before, now) }

func (ir importRecorder) record(r *runner, _ int, c, now storage.Contact, step storage.Step) (string, error) {
	label := contactLabel(importPeer(c))
	card := step.Index + 1
	line := fmt.Sprintf("card %d: photo set for %s", card, label)
	step = finished(step, true, line)
	step.Tally = tallySet
	return line, r.records.SetPhoto(c.ID, label, vcardEntry(r, ir.imp, card, now.PhotoID), step)
}
