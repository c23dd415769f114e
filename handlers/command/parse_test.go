package command

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"persona/internal/usererr"
)

// parseErr parses text with prefix "/" and returns the user error's text, or
// "" when there was none. It fails the test when text is not a command.
func parseErr(t *testing.T, text, prefix string) (Command, string) {
	t.Helper()
	cmd, ok, err := cat.Parse(text, prefix)
	if !ok {
		t.Fatalf("cat.Parse(%q, %q): not a command", text, prefix)
	}
	if err == nil {
		return cmd, ""
	}
	var ue *usererr.Error
	if !errors.As(err, &ue) {
		t.Fatalf("cat.Parse(%q): error %T is not a *usererr.Error", text, err)
	}
	return cmd, ue.Error()
}

func TestParseNotACommand(t *testing.T) {
	for _, tc := range []struct{ text, prefix string }{
		{"", "/"},
		{"   ", "/"},
		{"hello /setphoto @alice", "/"},
		{"/", "/"},
		{"/ setphoto @alice", "/"},
		{"/1setphoto", "/"},
		{"//setphoto", "/"},
		{"/@alice", "/"},
		{"!setphoto @alice", "/"},
		{"/setphoto @alice", "!"},
		{"/setphoto @alice", ""},                // no prefix: nothing is a command
		{"/setphoto @alice", "/ "},              // spaces cannot be part of a prefix
		{"/setphoto @alice", "/\x00"},           // nor control characters
		{"\xff/setphoto @alice", "/"},           // invalid UTF-8 before the prefix
		{"/\xffsetphoto @alice", "/"},           // nor between prefix and word
		{"p/setphoto", strings.Repeat("p", 17)}, // prefix too long
	} {
		if cmd, ok, err := cat.Parse(tc.text, tc.prefix); ok || err != nil || cmd.Name != "" {
			t.Errorf("cat.Parse(%q, %q) = %+v, %v, %v; want not a command", tc.text, tc.prefix, cmd, ok, err)
		}
	}
}

func TestParseFullCommand(t *testing.T) {
	text := "  /setphoto @alice t.me/bob +15550001111 12345 frame=2.5 bg=#112233,#445566 for=7d suggest=yes\n"
	cmd, msg := parseErr(t, text, "/")
	if msg != "" {
		t.Fatalf("unexpected error %q", msg)
	}
	if cmd.Name != "setphoto" || cmd.Topic != "" {
		t.Errorf("name %q topic %q", cmd.Name, cmd.Topic)
	}
	want := []Target{
		{Kind: Username, Raw: "@alice", Value: "alice"},
		{Kind: Username, Raw: "t.me/bob", Value: "bob"},
		{Kind: Phone, Raw: "+15550001111", Value: "15550001111"},
		{Kind: UserID, Raw: "12345", Value: "12345", ID: 12345},
	}
	if len(cmd.Targets) != len(want) {
		t.Fatalf("targets %+v, want %+v", cmd.Targets, want)
	}
	for i := range want {
		if cmd.Targets[i] != want[i] {
			t.Errorf("target %d = %+v, want %+v", i, cmd.Targets[i], want[i])
		}
	}
	o := cmd.Options
	if o.Frame() == nil || *o.Frame() != 2.5 {
		t.Errorf("frame %v", o.Frame())
	}
	if len(o.BG()) != 2 || o.BG()[0] != 0x112233 || o.BG()[1] != 0x445566 {
		t.Errorf("bg %x", o.BG())
	}
	if o.For() != 7*24*time.Hour || !o.Suggest() {
		t.Errorf("for %v suggest %v", o.For(), o.Suggest())
	}
}

func TestParseDefaults(t *testing.T) {
	cmd, msg := parseErr(t, "/setphoto @alice", "/")
	if msg != "" || cmd.Options.Frame() != nil || cmd.Options.BG() != nil || cmd.Options.For() != 0 || cmd.Options.Suggest() {
		t.Errorf("got %+v, %q; want no options set", cmd, msg)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, prefix, want string }{
		// Unknown commands: exact words only, with a suggestion when close.
		{"/setphto @alice", "/", "unknown command /setphto — did you mean /setphoto?"},
		{"/stephoto @alice", "/", "unknown command /stephoto — did you mean /setphoto?"},
		{"/set @alice", "/", "unknown command /set — did you mean /reset?"}, // never runs /setphoto
		{"/photo @alice", "/", "unknown command /photo; send /help for the list"},
		{"/setphotox @alice", "/", "unknown command /setphotox — did you mean /setphoto?"},
		{"/setphotoxyz @alice", "/", "unknown command /setphotoxyz; send /help for the list"},
		{"/frobnicate", "/", "unknown command /frobnicate; send /help for the list"},
		{"/setphoto@mybot @alice", "/", "unknown command /setphoto@mybot — did you mean /setphoto?"},
		{"/lst", "/", "unknown command /lst — did you mean /list?"},
		{"/hlep", "/", "unknown command /hlep — did you mean /help?"},
		{"!frobnicate", "!", "unknown command !frobnicate; send !help for the list"},
		{"p/rest @alice", "p/", "unknown command p/rest — did you mean p/reset?"},
		{"/a\x01b", "/", "unknown command /a\uFFFDb; send /help for the list"},
		{"/" + strings.Repeat("x", 40), "/", "unknown command /" + strings.Repeat("x", 32) + "…; send /help for the list"},

		// Options.
		{"/reset @alice foo=1", "/", `unknown option "foo": /reset takes no options`},
		{"/setphoto @alice foo=1", "/", `unknown option "foo" for /setphoto`},
		{"/suggest @alice for=7d", "/", `unknown option "for" for /suggest`},
		{"/suggest @alice suggest=yes", "/", `unknown option "suggest" for /suggest`},
		{"/setphoto @alice =1", "/", `unknown option "" for /setphoto`},
		{"/list x=1", "/", `unknown option "x": /list takes no options`},
		{"/help topic=x", "/", `unknown option "topic": /help takes no options`},
		{"!reset @alice frame=1", "!", `unknown option "frame": !reset takes no options`},
		{"/setphoto @alice frame=1 frame=2", "/", "option frame given twice"},
		{"/setphoto @alice frame=1 frame=oops", "/", "option frame given twice"},
		{"/setphoto @alice bg=#000000 bg=#000000", "/", "option bg given twice"},
		{"/setphoto @alice frame=", "/", "option frame needs a value, e.g. frame=2.5"},
		{"/setphoto @alice bg=", "/", "option bg needs a value, e.g. bg=#112233"},
		{"/setphoto @alice for=", "/", "option for needs a value, e.g. for=7d"},
		{"/setphoto @alice suggest=", "/", "option suggest needs a value, e.g. suggest=yes"},
		{"/setphoto @alice frame=12", "/", "frame=12 is out of range: pick 0 to 10 seconds"},
		{"/setphoto @alice bg=#12345", "/", "bg=#12345 is not a colour: use #RRGGBB"},
		{"/setphoto @alice bg=#1,#2,#3,#4,#5", "/", "bg takes 1 to 4 colours, got 5"},
		{"/setphoto @alice for=7w", "/", "for=7w is not a duration: use e.g. 30m, 12h, 7d"},
		{"/setphoto @alice suggest=maybe", "/", "suggest=maybe: use suggest=yes or suggest=no"},

		// Targets.
		{"/setphoto xyz", "/", `"xyz" is not a target: use @username, t.me/username, +phone or a numeric id`},
		{"/setphoto @alice xyz", "/", `"xyz" is not a target: use @username, t.me/username, +phone or a numeric id`},
		{"/setphoto " + strings.Repeat("y", 40), "/",
			`"` + strings.Repeat("y", 32) + `…" is not a target: use @username, t.me/username, +phone or a numeric id`},
		{"/setphoto a\u202Eb", "/", "\"a\uFFFDb\" is not a target: use @username, t.me/username, +phone or a numeric id"},
		{"/setphoto a\x7fb", "/", "\"a\uFFFDb\" is not a target: use @username, t.me/username, +phone or a numeric id"},
		{"/setphoto a\xffb", "/", "\"a\uFFFDb\" is not a target: use @username, t.me/username, +phone or a numeric id"},
		{"/list @alice", "/", `unexpected "@alice": /list takes no targets`},
		{"/status now", "/", `unexpected "now": /status takes no targets`},
		{"!list @alice", "!", `unexpected "@alice": !list takes no targets`},
		{"/history @alice @bob", "/", "too many targets: /history takes one target, got 2"},
		{"/history", "/", "missing target: /history needs a target, e.g. /history @alice"},
		{"/history frame=1", "/", `unknown option "frame": /history takes no options`},
		{"/reset", "/", "missing target: /reset needs at least one target, e.g. /reset @alice"},
		{"/undo", "/", "missing target: /undo needs at least one target, e.g. /undo @alice"},
		{"/suggest", "/", "missing target: /suggest needs at least one target, e.g. /suggest @alice"},
		{"/setphoto frame=1", "/", "missing target: /setphoto needs at least one target, e.g. /setphoto @alice"},
		{"p/reset", "p/", "missing target: p/reset needs at least one target, e.g. p/reset @alice"},
		{"/reset 😀", "/", `"😀" is not a target: use @username, t.me/username, +phone or a numeric id`},
		{"/setphoto 😀", "/", "missing target: /setphoto needs at least one target, e.g. /setphoto @alice"},
		{"/reset " + targets(200), "/", "too many targets: 200; at most 50 per command"},
		{"/reset " + targets(51), "/", "too many targets: 51; at most 50 per command"},

		// Help topics.
		{"/help xyz", "/", "unknown command /xyz; send /help for the list"},
		{"/help /xyz", "/", "unknown command /xyz; send /help for the list"},
		{"!help xyz", "!", "unknown command !xyz; send !help for the list"},
		{"/help setphot", "/", "unknown command /setphot — did you mean /setphoto?"},
		{"/help list reset", "/", "too many words: /help takes one command name, got 2"},

		// Length.
		{"/reset @alice " + strings.Repeat("x", 5000-14), "/", "command is too long (5000 characters; at most 4096)"},
		{"/reset @alice " + strings.Repeat("é", 4083), "/", "command is too long (4097 characters; at most 4096)"},
	} {
		_, got := parseErr(t, tc.text, tc.prefix)
		if got != tc.want {
			t.Errorf("cat.Parse(%.60q, %q)\n got %q\nwant %q", tc.text, tc.prefix, got, tc.want)
		}
	}
}

// targets returns n distinct user-id targets separated by spaces.
func targets(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(1000 + i)
	}
	return strings.Join(ids, " ")
}

func TestParseLengthLimit(t *testing.T) {
	// Exactly MaxRunes is fine, and surrounding spaces do not count.
	text := "/reset @alice " + strings.Repeat("1 ", 2040) + "12"
	if n := len([]rune(text)); n != MaxRunes {
		t.Fatalf("test text has %d runes", n)
	}
	if _, msg := parseErr(t, "  "+text+"\n\n", "/"); msg != "" {
		t.Errorf("at the limit: %q", msg)
	}
}

func TestParseCommands(t *testing.T) {
	for _, tc := range []struct {
		text, prefix string
		name, topic  string
		targets      int
	}{
		{"/setphoto @alice", "/", "setphoto", "", 1},
		{"/suggest @alice 12345", "/", "suggest", "", 2},
		{"/reset @alice", "/", "reset", "", 1},
		{"/undo @alice +15550001111", "/", "undo", "", 2},
		{"/history 12345", "/", "history", "", 1},
		{"/list", "/", "list", "", 0},
		{"/help", "/", "help", "", 0},
		{"/help setphoto", "/", "help", "setphoto", 0},
		{"/help /setphoto", "/", "help", "setphoto", 0},
		{"!help !reset", "!", "help", "reset", 0},
		{"!help /reset", "!", "help", "reset", 0},
		{"p/help p/undo", "p/", "help", "undo", 0},
		{"/status", "/", "status", "", 0},
		{"!setphoto @alice", "!", "setphoto", "", 1},
		{"p/setphoto @alice", "p/", "setphoto", "", 1},
		{"»reset @alice", "»", "reset", "", 1},
		{"/reset\u00a0@alice\u3000@bob\t12345\n+15550001111", "/", "reset", "", 4},
		{"/setphoto 😀 @alice", "/", "setphoto", "", 1},
		{"/suggest @alice 👍🏽 🇺🇦 1️⃣ ❤️ 👨‍👩‍👧", "/", "suggest", "", 1},
		{"/reset " + targets(50), "/", "reset", "", 50},
		{"/reset " + strings.Repeat("@alice ", 200), "/", "reset", "", 1},
		{"/SetPhoto @alice", "/", "setphoto", "", 1}, // phones capitalise the first letter
		{"/RESET @alice", "/", "reset", "", 1},
		{"!Undo @alice", "!", "undo", "", 1},
		{"/Help SetPhoto", "/", "help", "setphoto", 0},
		{"/help /HISTORY", "/", "help", "history", 0},
	} {
		cmd, msg := parseErr(t, tc.text, tc.prefix)
		if msg != "" || cmd.Name != tc.name || cmd.Topic != tc.topic || len(cmd.Targets) != tc.targets {
			t.Errorf("cat.Parse(%.60q, %q) = %s %q %d targets, %q; want %s %q %d targets",
				tc.text, tc.prefix, cmd.Name, cmd.Topic, len(cmd.Targets), msg, tc.name, tc.topic, tc.targets)
		}
	}
}

func TestParseDedupe(t *testing.T) {
	cmd, msg := parseErr(t, "/reset @Alice @alice t.me/ALICE https://t.me/alice/ +15550001111 +15550001111 "+
		"42 042 @bob 42", "/")
	if msg != "" {
		t.Fatal(msg)
	}
	var raws []string
	for _, tg := range cmd.Targets {
		raws = append(raws, tg.Raw)
	}
	// The first spelling wins; a username and an id never merge, nor do kinds.
	if got, want := strings.Join(raws, " "), "@Alice +15550001111 42 @bob"; got != want {
		t.Errorf("targets %q, want %q", got, want)
	}
	if cmd.Targets[0].Value != "Alice" {
		t.Errorf("case of the first spelling lost: %q", cmd.Targets[0].Value)
	}
}

func TestParseErrorKeepsName(t *testing.T) {
	cmd, ok, err := cat.Parse("/reset xyz", "/")
	if !ok || err == nil || cmd.Name != "reset" || cmd.Targets != nil {
		t.Errorf("got %+v, %v, %v", cmd, ok, err)
	}
	cmd, _, _ = cat.Parse("/nope", "/")
	if cmd.Name != "" {
		t.Errorf("unknown command has name %q", cmd.Name)
	}
}

func TestCheckPrefix(t *testing.T) {
	for _, p := range []string{"/", "!", "p/", "»", ".persona", strings.Repeat("!", 16)} {
		if err := CheckPrefix(p); err != nil {
			t.Errorf("CheckPrefix(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"", " ", "/ ", "a\tb", "\x00", "\xff", "\u202e/", strings.Repeat("!", 17)} {
		if err := CheckPrefix(p); err == nil {
			t.Errorf("CheckPrefix(%q) = nil, want an error", p)
		}
	}
}

// TestParseLetterCase: command words and option keys are read in any ASCII
// letter case; targets and values stay as typed; Unicode look-alikes of
// ASCII letters are not folded.
func TestParseLetterCase(t *testing.T) {
	cmd, msg := parseErr(t, "/SetPhoto @Alice t.me/Bob For=1h SUGGEST=Yes Add=yes bg=#aaBBcc Frame=2", "/")
	if msg != "" {
		t.Fatalf("unexpected error %q", msg)
	}
	o := cmd.Options
	if cmd.Name != "setphoto" || o.For() != time.Hour || !o.Suggest() || !o.Add() || len(o.BG()) != 1 || o.BG()[0] != 0xaabbcc || o.Frame() == nil || *o.Frame() != 2 {
		t.Errorf("parsed %+v", cmd)
	}
	if len(cmd.Targets) != 2 || cmd.Targets[0].Raw != "@Alice" || cmd.Targets[1].Raw != "t.me/Bob" {
		t.Errorf("targets %+v, want them as typed", cmd.Targets)
	}
	for _, tc := range []struct{ text, want string }{
		{"/setphoto @alice FOR=1h FOR=2h", "option for given twice"},
		{"/Reset @alice For=1h", "unknown option \"For\": /reset takes no options"},
		{"/\u017fetphoto @alice", "unknown command /\u017fetphoto — did you mean /setphoto?"}, // ſ, long s
		{"/\u212aeep @alice", "unknown command /\u212aeep — did you mean /keep?"},             // K, Kelvin sign
		{"/SetPhot @alice", "unknown command /SetPhot — did you mean /setphoto?"},
	} {
		if _, got := parseErr(t, tc.text, "/"); got != tc.want {
			t.Errorf("cat.Parse(%q): %q, want %q", tc.text, got, tc.want)
		}
	}
}
