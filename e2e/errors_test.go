package e2e_test

import (
	"strings"
	"testing"

	"persona/emulator"
)

// TestUserErrors: each mistake gets one ❌ reply with the reason in plain
// words, and nothing reaches uploadContactProfilePhoto.
func TestUserErrors(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	note := w.post(t, emulator.Message{Text: "just words"})
	tests := []struct {
		name  string
		msg   emulator.Message
		wants []string
	}{
		{"not a contact", emulator.Message{Text: "/setphoto @eve", Media: media}, []string{"@eve is not in your contacts"}},
		{"no such user", emulator.Message{Text: "/setphoto @nosuchuser", Media: media}, []string{"no user @nosuchuser"}},
		{"no media", emulator.Message{Text: "/setphoto @alice"}, []string{"attach a photo or reply to one"}},
		{"reply without media", emulator.Message{Text: "/suggest @alice", ReplyTo: note}, []string{"attach a photo or reply to one"}},
		{"unknown command", emulator.Message{Text: "/frobnicate"}, []string{"unknown command /frobnicate", "/help"}},
		{"misspelt command", emulator.Message{Text: "/setphto @alice", Media: media}, []string{"unknown command /setphto", "/setphoto"}},
		{"unknown option", emulator.Message{Text: "/reset @alice foo=1"}, []string{`unknown option "foo"`}},
		{"option not taken", emulator.Message{Text: "/suggest @alice for=7d", Media: media}, []string{`unknown option "for"`, "/suggest"}},
		{"bad target", emulator.Message{Text: "/setphoto !!!", Media: media}, []string{"!!!", "not a target"}},
		{"missing target", emulator.Message{Text: "/setphoto", Media: media}, []string{"missing target"}},
		{"bad frame", emulator.Message{Text: "/setphoto @alice frame=99", Media: media}, []string{"frame=99", "out of range"}},
		{"bad colour", emulator.Message{Text: "/suggest @alice bg=red", Media: media}, []string{"bg=red", "not a colour"}},
		{"no history", emulator.Message{Text: "/history @bob"}, []string{"@bob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := w.post(t, tt.msg)
			r := w.waitReply(t, d, id)
			wantPrefix(t, r, "❌ ")
			for _, want := range tt.wants {
				if !strings.Contains(r.Message, want) {
					t.Errorf("reply %q does not say %q", r.Message, want)
				}
			}
		})
	}
	if n := w.okUploads(); n != 0 {
		t.Fatalf("%d successful %s calls for commands that all failed", n, uploadMethod)
	}
}

// TestSeveralTargets: one reply for the whole command, a line per target,
// ❌ first when any failed; the good targets still get their photo.
func TestSeveralTargets(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice @bob @eve", Media: media})
	r := w.waitReply(t, d, id)
	lines := strings.Split(r.Message, "\n")
	if !strings.HasPrefix(lines[0], "❌") || len(lines) != 4 {
		t.Fatalf("reply %q, want a ❌ header and 3 target lines", r.Message)
	}
	for i, want := range []struct{ mark, name string }{{"✅", "@alice"}, {"✅", "@bob"}, {"❌", "@eve"}} {
		l := lines[i+1]
		if !strings.HasPrefix(l, want.mark) || !strings.Contains(l, want.name) {
			t.Errorf("line %d %q, want %s for %s", i+1, l, want.mark, want.name)
		}
	}
	if !strings.Contains(r.Message, "@eve is not in your contacts") {
		t.Errorf("reply %q does not explain @eve", r.Message)
	}
	for _, u := range []emulator.User{w.alice, w.bob} {
		if _, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); !ok {
			t.Errorf("@%s has no personal photo", u.Username)
		}
	}
	if n := w.okUploads(); n != 2 {
		t.Errorf("%d successful %s calls, want 2 (none for @eve)", n, uploadMethod)
	}

	// All good: a ✅ header.
	id = w.post(t, emulator.Message{Text: "/reset @alice @bob"})
	r = w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if strings.Count(r.Message, "\n") != 2 || !strings.Contains(r.Message, "@alice") || !strings.Contains(r.Message, "@bob") {
		t.Errorf("reply %q, want a line per target", r.Message)
	}
}
