package handlers

import (
	"context"

	"github.com/gotd/td/tg"
	"go.uber.org/zap"

	"persona/storage"
)

// usersPerCall is how many users one users.getUsers asks about.
const usersPerCall = 100

// recoverStarted looks at the contacts whose call was under way when the
// daemon stopped: Telegram may have made the change and the answer been
// lost. What Telegram shows now tells: a change made is recorded as done
// without calling again (no contact is done twice); the others are done
// as if never started.
func (r *runner) recoverStarted(ctx context.Context, msgID int, items []storage.BulkItem, v bulkRecorder) error {
	var started []storage.BulkItem
	for _, it := range items {
		if it.State == storage.BulkStarted {
			started = append(started, it)
		}
	}
	for len(started) > 0 {
		chunk := started[:min(usersPerCall, len(started))]
		started = started[len(chunk):]
		now, err := r.usersNow(ctx, chunk)
		if err != nil {
			return err
		}
		for _, it := range chunk {
			c, ok := now[it.Contact.ID]
			if !ok || !v.happened(it.Contact, c) {
				continue
			}
			step := storage.Step{MsgID: msgID, Index: it.Index, Bulk: true, OK: true}
			line, err := v.record(r, msgID, it.Contact, c, step)
			if err != nil {
				return err
			}
			// record writes the step with the record; a contact Persona
			// has no record of (a photo set elsewhere) gets it here.
			if err := r.journal.RecordStep(finished(step, true, line)); err != nil {
				return err
			}
			r.lg.Info("Bulk step found done after a restart: " + line)
		}
	}
	return nil
}

// usersNow asks Telegram for the contacts as they are now.
func (r *runner) usersNow(ctx context.Context, items []storage.BulkItem) (map[int64]storage.Contact, error) {
	in := make([]tg.InputUserClass, len(items))
	for i, it := range items {
		in[i] = &tg.InputUser{UserID: it.Contact.ID, AccessHash: it.Contact.AccessHash}
	}
	users, err := r.api.UsersGetUsers(ctx, in)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]storage.Contact, len(users))
	for _, u := range users {
		if user, ok := u.(*tg.User); ok {
			out[user.ID] = contactOf(user, r.self)
		}
	}
	return out, nil
}

// dropChanged leaves out, and marks skipped, the contacts of a slice whose
// photo Telegram shows differently from when the job began: changed since
// by a command that ran while the job gave way, or in another app. One
// users.getUsers asks for the whole slice (bulkSlice is under
// usersPerCall); a contact Telegram does not answer for is kept, and its
// own call tells what became of them.
func (r *runner) dropChanged(ctx context.Context, msgID int, slice []storage.BulkItem, count *bulkCount) ([]storage.BulkItem, error) {
	now, err := r.usersNow(ctx, slice)
	if err != nil {
		return nil, err
	}
	var keep []storage.BulkItem
	var skip []int
	for _, it := range slice {
		c, ok := now[it.Contact.ID]
		if ok && (c.Personal != it.Contact.Personal || c.PhotoID != it.Contact.PhotoID) {
			skip = append(skip, it.Index)
			continue
		}
		keep = append(keep, it)
	}
	if len(skip) == 0 {
		return slice, nil
	}
	if err := r.bulk.SkipBulk(msgID, skip, skipChanged); err != nil {
		return nil, err
	}
	count.skip(len(skip))
	r.lg.Info("Bulk job: contacts changed since it began, skipped", zap.Int("msg_id", msgID), zap.Int("contacts", len(skip)))
	return keep, nil
}
