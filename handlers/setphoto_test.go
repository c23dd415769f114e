package handlers

import (
	"strings"
	"testing"

	"persona/storage"
)

// TestRefusedWithoutACall: no media, yourself and bots are refused in
// plain words before any call (tgmock fails the test on one).
func TestRefusedWithoutACall(t *testing.T) {
	r, db, _ := newTestRunner(t)
	savedAlice(t, db)
	savePeer(t, db, storage.Peer{ID: 77, AccessHash: 1, Username: "somebot", Bot: true})
	for i, tt := range []struct{ text, want string }{
		{"/setphoto @alice", "❌ attach a photo or reply to one"},
		{"/suggest @alice", "❌ attach a photo or reply to one"},
		{"/hide @somebot", "❌ @somebot is a bot: Telegram has no personal photos"},
		{"/keep 1", "❌ id 1 is you: personal photos are for your contacts"},
	} {
		if got := run(t, r, 10+i, tt.text); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.text, got, tt.want)
		}
	}
}
