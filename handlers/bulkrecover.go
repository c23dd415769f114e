package handlers

import (
	"context"

	"github.com/gotd/td/tg"

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
