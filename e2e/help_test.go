package e2e_test

import (
	"bytes"
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
			"✅ Usage: /setphoto TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]] [for=DURATION] [suggest=yes] [add=yes]\n",
			"\nframe=SECONDS — ", "\nbg=#RRGGBB — ", "\nfor=DURATION — ", "\nsuggest=yes — ", "\nadd=yes — ",
			"JPEG, PNG or WebP", "custom emoji", "160 to 1280 px a side", "at most 10 s and 2 MB", "up to 10 MB", "quoting one of its lines",
			"\nExamples:\n/setphoto @alice @bob — ",
		}},
		{"/Help /History", []string{"✅ Usage: /history TARGET", "quoting a line"}},
		{"/help import", []string{"✅ Usage: /import [replace=yes]\n", "\nreplace=yes — ", "vCard 2.1, 3.0 or 4.0", "up to 20 MB",
			"by phone number", "never by name", "JPEG or PNG", "\nExamples:\n/import replace=yes — "}},
		{"/setphto @alice", []string{"❌ unknown command /setphto — did you mean /setphoto?"}},
		{"/hlep", []string{"❌ unknown command /hlep — did you mean /help?"}},
		{"/help setphto", []string{"❌ unknown command /setphto — did you mean /setphoto?"}},
	}
	for _, tt := range tests {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text}))
		for _, want := range tt.wants {
			if !strings.Contains(r.Message, want) {
				t.Errorf("%s: the reply does not say %q:\n%s", tt.text, want, r.Message)
			}
		}
		if !strings.HasPrefix(tt.text, "/help") {
			continue
		}
		// Short lines for a phone: the usage aside, none over 100
		// characters, and at most two examples.
		lines := strings.Split(r.Message, "\n")
		for _, l := range lines[1:] {
			if n := len([]rune(l)); n > 100 {
				t.Errorf("%s: a line of %d characters: %q", tt.text, n, l)
			}
		}
		if _, ex, _ := strings.Cut(r.Message, "\nExamples:\n"); strings.Count(ex, "\n") > 1 {
			t.Errorf("%s: more than two examples:\n%s", tt.text, r.Message)
		}
	}
}

// TestCommandsAnyCase: phones capitalise the first letter, so /SetPhoto
// runs /setphoto, with its options in any case; targets stay as typed.
func TestCommandsAnyCase(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg, media := photo()
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/SetPhoto @Alice For=2h", Media: media}))
	wantPrefix(t, r, "✅ @Alice: personal photo set, until ")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
		t.Fatalf("after /SetPhoto @alice has a personal photo: %v", ok)
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/RESET @alice"})), "✅ @alice: personal photo removed")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/Undo @alice"})), "✅ @alice: back to the photo from ")
	if n := len(w.uploads(t)); n != 3 {
		t.Errorf("%d %s calls, want 3 (set, reset, undo)", n, uploadMethod)
	}
}
