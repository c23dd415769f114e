package handlers

import (
	"context"
	"slices"
	"sync"
	"time"

	"go.uber.org/zap"
)

// checkAfter is how long the worker gathers updateUser before it asks
// Telegram: a burst (a phone syncing, many contacts changing at once)
// becomes one users.getUsers per 100 contacts, and the check still comes
// well within the 10 s the README promises.
const checkAfter = 2 * time.Second

// userChecks are the contacts Telegram said changed (updateUser) and that
// Persona follows, waiting to be checked. The update goroutine adds, the
// worker takes.
type userChecks struct {
	mu  sync.Mutex
	ids map[int64]bool
	due time.Time // when the first of them may be checked; zero when none
}

func (c *userChecks) add(id int64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil {
		c.ids = map[int64]bool{}
	}
	if len(c.ids) == 0 {
		c.due = now.Add(checkAfter)
	}
	c.ids[id] = true
}

// dueAt is when the gathered checks are due; zero when there are none.
func (c *userChecks) dueAt() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.due
}

// take returns the gathered ids, in order, and forgets them.
func (c *userChecks) take() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]int64, 0, len(c.ids))
	for id := range c.ids {
		ids = append(ids, id)
	}
	clear(c.ids)
	c.due = time.Time{}
	slices.Sort(ids)
	return ids
}

// OnUserChanged implements session.UserNotifier. A contact Persona keeps a
// record of is checked soon: a personal photo set, replaced or removed in
// another app, or an account deleted, is recorded (docs/ARCHITECTURE.md,
// "updateUser names only the user"). So is a watched contact, whose own
// photo may have changed (/watch), and while `/watch all` stands anyone,
// who may be a contact not watched yet. Others are none of Persona's
// business.
func (r *Router) OnUserChanged(userID int64) {
	w := r.worker.Load()
	if w == nil {
		return
	}
	if !w.run.follows(userID) {
		return
	}
	w.checks.add(userID, r.opts.Now())
	w.timersChanged()
}

// OnReconnect implements session.ReconnectNotifier: an updateUser pushed
// while the connection was down is lost, so every watched contact is
// checked again soon (one users.getUsers per 100), not at the daily check.
func (r *Router) OnReconnect() {
	w := r.worker.Load()
	if w == nil {
		return
	}
	w.run.watching.checkSoon()
	w.timersChanged()
}

// checkChanged asks Telegram about the contacts updateUser named, 100 per
// users.getUsers, and records what it shows. Upkeep runs it, so it never
// races a command for the same contact; a failure checks them again later.
func (w *worker) checkChanged(ctx context.Context) {
	due := w.checks.dueAt()
	if due.IsZero() || w.now().Before(due) {
		return
	}
	ids := w.checks.take()
	var err error
	check := func(ctx context.Context) {
		err = survive(w.lg, "check of changed contacts", func() error { return w.run.checkUsers(ctx, ids) })
	}
	perr := w.parkable(ctx, upkeepID, check)
	if perr == nil && err == nil {
		return
	}
	if perr == nil {
		w.lg.Warn("Check contacts Telegram said changed; will retry", zap.Error(err))
	}
	later := w.now().Add(timerRetry - checkAfter)
	for _, id := range ids {
		w.checks.add(id, later)
	}
}

// checkUsers records what Telegram shows of the given contacts, and logs
// what another app or the contact changed.
func (r *runner) checkUsers(ctx context.Context, ids []int64) error {
	for batch := range slices.Chunk(ids, syncBatch) {
		users, own, err := r.askWatched(ctx, batch)
		if err != nil {
			return err
		}
		if err := r.noteWatched(ctx, users, own); err != nil {
			return err
		}
		changed, err := r.records.SyncPhotos(shownAll(users), r.now())
		if err != nil {
			return err
		}
		for _, rec := range changed {
			r.lg.Info("Contact changed outside Persona", zap.String("contact", labelOf(rec)),
				zap.String("what", rec.Elsewhere), zap.Time("since", rec.ElsewhereAt))
		}
	}
	return nil
}

// follows reports whether Persona cares that userID changed: a record, a
// watch, or `/watch all` standing.
func (r *runner) follows(userID int64) bool {
	if _, found, err := r.records.Photo(userID); err == nil && found {
		return true
	}
	if r.watches == nil {
		return false
	}
	if _, found, err := r.watches.Watched(userID); err == nil && found {
		return true
	}
	_, all, err := r.watches.WatchAll()
	return err == nil && all
}
