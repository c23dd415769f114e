package handlers

import (
	"context"

	"github.com/gotd/td/tgerr"

	"persona/handlers/command"
	"persona/storage"
)

// withpeer.go: a command that changes a contact runs inside withPeer, so a
// peer cached with an access hash Telegram no longer takes is looked up again.

// withPeer resolves the target and runs f; when Telegram says a cached
// peer is stale, it forgets it, resolves again and retries once.
func (r *runner) withPeer(ctx context.Context, t command.Target, f func(storage.Peer) error) error {
	peer, err := r.resolve(ctx, t)
	if err != nil {
		return err
	}
	err = f(peer)
	if !stale(err) || t.Kind == command.UserID {
		return err
	}
	if ferr := r.peers.ForgetPeer(peer.ID); ferr != nil {
		return ferr
	}
	if peer, err = r.resolve(ctx, t); err != nil {
		return err
	}
	return f(peer)
}

// stale reports a Telegram error that means the cached peer is no good.
func stale(err error) bool { return tgerr.Is(err, "PEER_ID_INVALID", "USER_ID_INVALID") }
