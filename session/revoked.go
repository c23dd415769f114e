package session

import (
	"context"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// revokedDetector calls revoked (with ErrRevoked or ErrDuplicated) when
// Telegram says the session is gone, so the daemon stops with a clear
// instruction instead of failing every call.
func revokedDetector(revoked func(why error)) telegram.Middleware {
	return telegram.MiddlewareFunc(func(next tg.Invoker) telegram.InvokeFunc {
		return func(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
			err := next.Invoke(ctx, input, output)
			switch {
			case tgerr.Is(err, "AUTH_KEY_DUPLICATED"):
				revoked(ErrDuplicated)
			case tgerr.Is(err, "AUTH_KEY_UNREGISTERED"):
				// It may come from another DC that forgot the authorization
				// imported into it (a call gotd followed there on
				// FILE_MIGRATE): only the home DC's 401 means logged out
				// (docs/ARCHITECTURE.md, "Only the home DC's 401 means
				// logged out"). Ask the home DC.
				if homeRevoked(ctx, next) {
					revoked(ErrRevoked)
				}
			case IsRevoked(err):
				revoked(ErrRevoked)
			}
			return err
		}
	})
}

// IsRevoked reports whether err means the session no longer works.
func IsRevoked(err error) bool {
	return tgerr.Is(err, "AUTH_KEY_UNREGISTERED", "SESSION_REVOKED", "SESSION_EXPIRED", "USER_DEACTIVATED", "USER_DEACTIVATED_BAN")
}

// homeRevoked asks the home DC for the update state, the cheapest call
// that needs the session, and reports whether it too says the session is
// gone. A network failure decides nothing: the next 401 asks again.
func homeRevoked(ctx context.Context, home tg.Invoker) bool {
	_, err := tg.NewClient(home).UpdatesGetState(ctx)
	return IsRevoked(err)
}
