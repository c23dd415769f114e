package handlers

import (
	"errors"
	"testing"

	"github.com/gotd/td/tgerr"
)

func TestExplain(t *testing.T) {
	for _, tt := range []struct {
		label string
		err   error
		want  string
	}{
		{"@alice", tgerr.New(400, "CONTACT_MISSING"), "@alice is not in your contacts"},
		{"@alice", tgerr.New(400, "PHOTO_INVALID"), "@alice: Telegram refused the image as a profile photo"},
		{"@alice", tgerr.New(420, "FLOOD_WAIT_30"), "@alice: Telegram asks to wait 30 s; try again later"},
		{"@alice", tgerr.New(420, "FLOOD_PREMIUM_WAIT_12"), "@alice: Telegram asks to wait 12 s; try again later"},
		{"@alice", tgerr.New(420, "FLOOD_WAIT"), "@alice: failed (FLOOD_WAIT)"},
		{"@alice", tgerr.New(420, "SOME_OTHER_420"), "@alice: failed (SOME_OTHER_420)"},
		{"@alice", tgerr.New(420, "FROZEN_METHOD_INVALID"), "@alice: Telegram has frozen this account; see an official Telegram app"},
		{"@alice", errors.New("engine closed"), "@alice: failed (engine closed)"},
		// Before any target, e.g. while fetching the media: no label.
		{"", errors.New("get message 3: engine closed"), "failed (get message 3: engine closed)"},
		{"", tgerr.New(400, "PHOTO_INVALID"), "Telegram refused the image as a profile photo"},
	} {
		if got := explain(tt.label, tt.err); got != tt.want {
			t.Errorf("explain(%q, %v) = %q, want %q", tt.label, tt.err, got, tt.want)
		}
	}
}
