package handlers

import (
	"testing"
	"time"

	"persona/storage"
)

// TestKinds: each kind tells of its entries in its own words in /history
// and /list and when /undo goes back to it; a kind this version does not
// know is told as media from a message.
func TestKinds(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	frame := 1.5
	z := zone{time.UTC}
	for _, tt := range []struct {
		e                  storage.PhotoEntry
		describe, previous string
	}{
		{storage.PhotoEntry{Kind: kindPhoto, SourceMsgID: 12, SetAt: at}, "photo from message 12, set 2026-01-02 03:04 UTC", "the photo from 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindVideo, SourceMsgID: 13, SetAt: at, Frame: &frame}, "video from message 13 (frame=1.5), set 2026-01-02 03:04 UTC", "the video from 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindSticker, SourceMsgID: 14, SetAt: at, BG: []uint32{0x112233}}, "sticker from message 14 (bg=#112233), set 2026-01-02 03:04 UTC", "the sticker from 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindEmoji, SourceMsgID: 15, SetAt: at, Suggested: true}, "emoji from message 15, set 2026-01-02 03:04 UTC, also suggested", "the emoji from 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindHidden, SetAt: at, ExpiresAt: at.Add(time.Hour)}, "hidden behind their initials, set 2026-01-02 03:04 UTC, until 2026-01-02 04:04 UTC", "their initials from 2026-01-02 03:04 UTC"},
		{storage.PhotoEntry{Kind: kindKept, SetAt: at, KeptDate: at.Add(-24 * time.Hour)}, "kept from their photo of 2026-01-01 03:04 UTC, set 2026-01-02 03:04 UTC", "their photo of 2026-01-01 03:04 UTC"},
		{storage.PhotoEntry{Kind: "hologram", SourceMsgID: 16, SetAt: at}, "hologram from message 16, set 2026-01-02 03:04 UTC", "the hologram from 2026-01-02 03:04 UTC"},
	} {
		if got := describeEntry(tt.e, z); got != tt.describe {
			t.Errorf("describeEntry(%s) = %q, want %q", tt.e.Kind, got, tt.describe)
		}
		rec := storage.PhotoRecord{History: []storage.PhotoEntry{tt.e}}
		prev, ok := previousPhoto(rec)
		if !ok || prev.Kind != tt.e.Kind {
			t.Errorf("previousPhoto over a %s: %v, %v", tt.e.Kind, prev.Kind, ok)
		}
		if got := describePrevious(tt.e, z); got != tt.previous {
			t.Errorf("describePrevious(%s) = %q, want %q", tt.e.Kind, got, tt.previous)
		}
	}
}

// TestResetIsNoPhoto: a reset step is listed by its time, and /undo
// finds no photo to go back to in it.
func TestResetIsNoPhoto(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	reset := storage.PhotoEntry{Kind: storage.KindReset, SetAt: at}
	if got := describeEntry(reset, zone{time.UTC}); got != "reset 2026-01-02 03:04 UTC" {
		t.Errorf("describeEntry(reset) = %q", got)
	}
	if _, ok := previousPhoto(storage.PhotoRecord{History: []storage.PhotoEntry{reset}}); ok {
		t.Error("previousPhoto found a photo in a reset")
	}
	if _, ok := previousPhoto(storage.PhotoRecord{}); ok {
		t.Error("previousPhoto found a photo in no history")
	}
}
