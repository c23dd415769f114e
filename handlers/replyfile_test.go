package handlers

import (
	"strings"
	"testing"
	"time"
)

func TestAsFile(t *testing.T) {
	at := time.Date(2026, 12, 7, 23, 30, 0, 0, time.UTC)
	long := "✅ 3,000 contacts with a personal photo" + strings.Repeat("\n• @someone: hidden, set 2026-12-01", 2999)
	for _, tt := range []struct {
		name, text, command string
		wantName, wantFirst string
		wantLines           string
	}{
		{"a list", long, "list", "persona-list-2026-12-07.txt", "✅ 3,000 contacts with a personal photo", "3000 lines"},
		{"failures", "❌ 2 of 900 failed\n❌ @a: gone\n❌ @b: gone", "hide", "persona-hide-2026-12-07.txt", "❌ 2 of 900 failed", "3 lines"},
		{"no command", "❌ bad", "", "persona-reply-2026-12-07.txt", "❌ bad", "1 line"},
		{"a first line past the caption", "❌ " + strings.Repeat("😀", 3000), "list", "persona-list-2026-12-07.txt", "❌ 😀😀", "1 line"},
	} {
		f := asFile(tt.text, fileNaming{command: tt.command, at: at})
		if f.name != tt.wantName {
			t.Errorf("%s: name %q, want %q", tt.name, f.name, tt.wantName)
		}
		if string(f.data) != tt.text {
			t.Errorf("%s: the file is not the whole text", tt.name)
		}
		if !strings.HasPrefix(f.caption, tt.wantFirst) || !strings.Contains(f.caption, tt.wantLines) || !strings.Contains(f.caption, f.name) {
			t.Errorf("%s: caption %q, want it to begin %q and name %s and the file", tt.name, f.caption, tt.wantFirst, tt.wantLines)
		}
		if u := units(f.caption); u > maxCaptionUnits {
			t.Errorf("%s: caption of %d units, over Telegram's %d", tt.name, u, maxCaptionUnits)
		}
	}
}

// TestLongReplyGoesAsFile: more than maxReplyParts messages of text is a
// file; up to that, messages.
func TestLongReplyGoesAsFile(t *testing.T) {
	line := "\n• @contact_with_a_long_name: hidden, set 2026-12-01 09:12; Telegram shows it"
	five := "✅ header" + strings.Repeat(line, 5*(maxMessageUnits-partHeaderRoom)/units(line)-10)
	if n := len(splitReply(five, "/")); n > maxReplyParts {
		t.Fatalf("the text of %d parts should be at most %d", n, maxReplyParts)
	}
	if n := len(splitReply(five+strings.Repeat(line, 200), "/")); n <= maxReplyParts {
		t.Fatalf("the longer text is %d parts, want more than %d", n, maxReplyParts)
	}
}
