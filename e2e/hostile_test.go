package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"persona/emulator"
)

// hostile is one message a careless paste or a hostile tool could put into
// Saved Messages. Telegram's apps would never send some of them (NUL bytes,
// invalid UTF-8, 5000 characters), but the daemon must not trust that.
type hostile struct {
	name  string
	msg   emulator.Message
	wants []string // in the ❌ reply; nil: ignored, no reply at all
}

func hostileMessages() []hostile {
	_, media := photo()
	many := make([]string, 200)
	for i := range many {
		many[i] = fmt.Sprintf("@user%03d", i)
	}
	longWord := "/setphoto " + strings.Repeat("a", 4096-len("/setphoto "))
	return []hostile{
		// Sizes: Telegram's own limit is 4096 characters, and a reply quotes
		// at most a few dozen of them back.
		{"4096 characters", emulator.Message{Text: longWord, Media: media}, []string{`"aaaa`, "…", "is not a target"}},
		{"4096 characters of repeats", emulator.Message{Text: "/reset" + strings.Repeat(" @alice", 584)}, []string{"no personal photo set for @alice"}},
		{"over 4096 characters", emulator.Message{Text: "/reset @alice " + strings.Repeat("b", 5000)}, []string{"too long", "4096"}},
		{"200 targets", emulator.Message{Text: "/setphoto " + strings.Join(many, " "), Media: media}, []string{"too many targets: 200", "at most 50"}},
		{"200 targets, no media", emulator.Message{Text: "/reset " + strings.Join(many, " ")}, []string{"too many targets: 200", "at most 50"}},

		// Unicode that hides or reorders text: the reply names the bad
		// token with the control characters made visible as U+FFFD.
		{"RTL mark in a username", emulator.Message{Text: "/setphoto @al\u200Fice", Media: media}, []string{"is not a username"}},
		{"RTL override before a target", emulator.Message{Text: "/reset \u202E@alice"}, []string{"is not a target"}},
		{"zero-width joiner in a username", emulator.Message{Text: "/reset @ali\u200Dce"}, []string{"is not a username"}},
		{"zero-width space after the word", emulator.Message{Text: "/status\u200B"}, []string{"unknown command", "/status"}},
		{"combining mark in a username", emulator.Message{Text: "/reset @alice\u0301"}, []string{"is not a username"}},
		{"combining mark in the word", emulator.Message{Text: "/rese\u0301t @alice"}, []string{"unknown command", "/reset"}},
		{"emoji as a target", emulator.Message{Text: "/reset 👩‍👩‍👧‍👦"}, []string{"is not a target"}},
		{"only an emoji", emulator.Message{Text: "/setphoto 🙂", Media: media}, []string{"missing target"}},
		{"Cyrillic word", emulator.Message{Text: "/сбросить @alice"}, []string{"unknown command"}},
		{"NUL in a target", emulator.Message{Text: "/reset @alice\x00"}, []string{"is not a username"}},
		{"NUL in the word", emulator.Message{Text: "/sta\x00tus"}, []string{"unknown command"}},
		{"invalid UTF-8", emulator.Message{Text: "/reset @\xff\xfe\xfd"}, []string{"is not a username"}},
		{"phone with letters", emulator.Message{Text: "/reset +1555abc"}, []string{"is not a phone number"}},
		{"user id too big", emulator.Message{Text: "/reset 99999999999999999999999"}, []string{"is not a user id"}},
		{"link to a chat", emulator.Message{Text: "/reset t.me/+AbCdEf"}, []string{"is not a user link"}},

		// Not commands at all (README, "Commands": the prefix and a command word).
		{"bare prefix", emulator.Message{Text: "/"}, nil},
		{"prefix and spaces", emulator.Message{Text: "/   "}, nil},
		{"double prefix", emulator.Message{Text: "//"}, nil},
		{"prefix and a number", emulator.Message{Text: "/123"}, nil},
		{"prefix and an emoji", emulator.Message{Text: "/🙂"}, nil},
		{"photo without a caption", emulator.Message{Media: media}, nil},
		{"photo with a bare prefix", emulator.Message{Text: "/", Media: media}, nil},
		{"photo with a blank caption", emulator.Message{Text: " \n\t", Media: media}, nil},
		{"fullwidth prefix", emulator.Message{Text: "／setphoto @alice", Media: media}, nil},
	}
}

// TestHostileInput: every message above gets one short, valid ❌ reply
// saying what is wrong, or is ignored; nothing panics, nothing reaches
// uploadContactProfilePhoto, and a later /status is still answered.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	cases := hostileMessages()
	ids := make([]int, len(cases))
	for i, c := range cases {
		ids[i] = w.post(t, c.msg)
	}
	// /status runs after every one of them (oldest first): its answer means
	// all were read and either answered or passed over.
	status := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, status), "✅")

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.wants == nil {
				if r := w.emu.Replies(w.me.ID, ids[i]); len(r) != 0 {
					t.Fatalf("not a command, yet answered %q", texts(r))
				}
				return
			}
			r := w.waitReply(t, d, ids[i])
			wantPrefix(t, r, "❌ ")
			for _, want := range c.wants {
				if !strings.Contains(r.Message, want) {
					t.Errorf("reply %q does not say %q", r.Message, want)
				}
			}
			checkSafeText(t, r.Message)
		})
	}
	if n := len(w.emu.Calls(uploadMethod)); n != 0 {
		t.Errorf("hostile input caused %d %s calls", n, uploadMethod)
	}
	if strings.Contains(d.log(), "panic") {
		t.Errorf("the daemon panicked:\n%s", d.log())
	}
	// And it still works for real.
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
}

// checkSafeText: a reply is short, valid UTF-8, and free of the characters
// that would hide or reorder the text around a quoted token.
func checkSafeText(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("reply %q is not valid UTF-8", s)
	}
	if n := utf8.RuneCountInString(s); n > 300 {
		t.Errorf("reply of %d characters quotes too much: %.80q…", n, s)
	}
	for _, r := range s {
		switch {
		case r == 0, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			t.Errorf("reply %q contains %U", s, r)
		}
	}
}
