package session

import (
	"context"

	"golang.org/x/time/rate"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/telegram"
	"github.com/gotd/td/tg"
)

// rateLimit keeps bursts (50 commands at once) from causing flood waits in
// the first place. File parts are not limited: Telegram meters them by
// bytes, not calls, and a 10 MiB video is 40 of them. Sending and editing
// messages is held to about 30 a second, everything else to 100.
type rateLimit struct {
	messages *rate.Limiter
	other    *rate.Limiter
}

func newRateLimit() *rateLimit {
	return &rateLimit{
		messages: rate.NewLimiter(30, 30),
		other:    rate.NewLimiter(100, 50),
	}
}

// limiter is the bucket for a request, nil for unlimited ones.
func (l *rateLimit) limiter(input bin.Encoder) *rate.Limiter {
	switch input.(type) {
	case *tg.UploadGetFileRequest, *tg.UploadSaveFilePartRequest, *tg.UploadSaveBigFilePartRequest:
		return nil
	case *tg.MessagesSendMessageRequest, *tg.MessagesSendMediaRequest, *tg.MessagesEditMessageRequest:
		return l.messages
	}
	return l.other
}

// Handle implements telegram.Middleware.
func (l *rateLimit) Handle(next tg.Invoker) telegram.InvokeFunc {
	return func(ctx context.Context, input bin.Encoder, output bin.Decoder) error {
		if lim := l.limiter(input); lim != nil {
			if err := lim.Wait(ctx); err != nil {
				return err
			}
		}
		return next.Invoke(ctx, input, output)
	}
}
