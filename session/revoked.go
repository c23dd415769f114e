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
