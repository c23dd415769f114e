package handlers

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gotd/td/tgerr"

	"persona/internal/panics"
)

// TestPanicInChat: a panic is told by its type, not its text, and the
// same way in a failed target's line and in a give-up's reason.
func TestPanicInChat(t *testing.T) {
	pe := fmt.Errorf("process: %w", panics.New("the command", "boom"))
	for _, tt := range []struct {
		err          error
		short, plain string
	}{
		{pe, internalError, internalError},
		{errors.New("read: panic in the disk"), "read: panic in the disk", "read: panic in the disk"},
		{fmt.Errorf("send: %w", tgerr.New(400, "MESSAGE_TOO_LONG")), "MESSAGE_TOO_LONG", "Telegram answered MESSAGE_TOO_LONG"},
	} {
		if got := short(tt.err); got != tt.short {
			t.Errorf("short(%v) = %q, want %q", tt.err, got, tt.short)
		}
		if got := plainReason(tt.err); got != tt.plain {
			t.Errorf("plainReason(%v) = %q, want %q", tt.err, got, tt.plain)
		}
	}
}
