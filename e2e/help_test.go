package e2e_test

import (
	"strings"
	"testing"

	"persona/emulator"
)

// TestHelpTeaches: /help setphoto explains every option with examples, in
// the chat; an unknown command, or an unknown topic, names the nearest one.
func TestHelpTeaches(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	tests := []struct {
		text  string
		wants []string
	}{
		{"/help setphoto", []string{
			"✅ Usage: /setphoto TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]] [for=DURATION] [suggest=yes]",
			"frame=SECONDS picks", "bg=#RRGGBB sets", "for=DURATION undoes", "suggest=yes also suggests",
			"JPEG, PNG or WebP", "custom emoji", "160 to 1280 px a side", "at most 10 s and 2 MB", "up to 10 MB", "quoting one of its lines",
			"Example: /setphoto @alice for=7d", "\nMore examples:\n/setphoto @alice @bob — ", "\n/setphoto @alice bg=#112233,#445566 — ",
		}},
		{"/help /history", []string{"✅ Usage: /history TARGET", "quoting that photo's line"}},
		{"/setphto @alice", []string{"❌ unknown command /setphto — did you mean /setphoto?"}},
		{"/hlep", []string{"❌ unknown command /hlep — did you mean /help?"}},
		{"/help setphto", []string{"❌ no command /setphto — did you mean /setphoto?"}},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text}))
		for _, want := range tt.wants {
			if !strings.Contains(r.Message, want) {
				t.Errorf("%s: the reply does not say %q:\n%s", tt.text, want, r.Message)
			}
		}
	}
}
