package session

import (
	"context"
	"sync"

	"github.com/go-faster/errors"
	"go.uber.org/zap"

	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/tg"

	"persona/internal/names"
	"persona/storage"
)

// claimDatabase makes sure the database is this account's, and that what
// it remembers of the server still holds, before any update is read.
//
// Message ids are per account, and the journal knows commands by id alone:
// another account's journal would make its new commands look answered, and
// its records would show up in /list. So a database belongs to the account
// that first ran on it, and another account is refused (storage's
// OtherAccountError says what to do).
//
// A server that started over (a test server or an emulator reset: the same
// account, but pts below the one stored) numbers messages from 1 again; the
// stored update state and the journal then mean nothing there, and would
// make gotd skip new updates and the journal skip new commands. Telegram's
// pts of an account only ever grows, so this never fires against it.
// ownerStore is the database's record of its account, and the journal to
// forget when the server started over.
type ownerStore interface {
	ClaimOwner(o storage.Owner) error
	ForgetJournal() error
}

func claimDatabase(ctx context.Context, remoteState func() (*tg.UpdatesState, error), states updates.StateStorage, db ownerStore, self *tg.User, lg *zap.Logger) error {
	if err := db.ClaimOwner(storage.Owner{ID: self.ID, Name: names.Of(self)}); err != nil {
		return err
	}
	local, found, err := states.GetState(ctx, self.ID)
	if err != nil {
		return errors.Wrap(err, "stored update state")
	}
	if !found {
		return nil // a first start: nothing stored to disagree with
	}
	remote, err := remoteState()
	if err != nil {
		return errors.Wrap(err, "update state")
	}
	if remote.Pts >= local.Pts {
		return nil
	}
	lg.Warn("The server started over: its update counter is behind ours; forgetting the old update state and command journal",
		zap.Int("server_pts", remote.Pts), zap.Int("stored_pts", local.Pts))
	fresh := updates.State{Pts: remote.Pts, Qts: remote.Qts, Date: remote.Date, Seq: remote.Seq}
	if err := states.SetState(ctx, self.ID, fresh); err != nil {
		return errors.Wrap(err, "reset update state")
	}
	return db.ForgetJournal()
}

// stateOf asks the server for its update state on a goroutine and returns
// the wait for the answer. The call ends with ctx at the latest, whether
// or not anyone waits for it.
func stateOf(ctx context.Context, api *tg.Client) func() (*tg.UpdatesState, error) {
	type answer struct {
		state *tg.UpdatesState
		err   error
	}
	done := make(chan answer, 1)
	go func() {
		state, err := api.UpdatesGetState(ctx)
		done <- answer{state, err}
	}()
	return sync.OnceValues(func() (*tg.UpdatesState, error) {
		a := <-done
		return a.state, a.err
	})
}
