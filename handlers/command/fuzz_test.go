package command

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"persona/internal/usererr"
)

func FuzzParse(f *testing.F) {
	for _, s := range cat.Specs() {
		f.Add(s.Example, "/")
	}
	for _, seed := range []struct{ text, prefix string }{
		{"/setphoto @alice t.me/bob +15550001111 12345 frame=2.5 bg=#112233,#445566 for=7d suggest=yes", "/"},
		{"!reset @alice @Alice 042 42", "!"},
		{"/hide @alice add=yes 😀", "/"},
		{"/keep @alice photo=03 photo=-1 add=no", "/"},
		{"/keep @alice photo=99999999999999999999", "/"},
		{"p/help p/setphoto", "p/"},
		{"/setphto @x", "/"},
		{"/setphoto@bot 😀 frame=10.001 bg=#1,#2,#3,#4,#5", "/"},
		{"/history https://t.me/joinchat/x", "/"},
		{"/\xff\xfe", "/"},
		{"»list\u00a0x", "»"},
	} {
		f.Add(seed.text, seed.prefix)
	}
	f.Fuzz(func(t *testing.T, text, prefix string) {
		cmd, ok, err := cat.Parse(text, prefix)
		if !ok {
			if err != nil || cmd.Name != "" {
				t.Fatalf("not a command, yet %+v, %v", cmd, err)
			}
			return
		}
		if err != nil {
			checkUserError(t, err, prefix)
			return
		}
		checkCommand(t, cmd, text)
	})
}

func checkUserError(t *testing.T, err error, prefix string) {
	t.Helper()
	var ue *usererr.Error
	if !errors.As(err, &ue) {
		t.Fatalf("error %T is not a *usererr.Error", err)
	}
	msg := ue.Error()
	if len(msg) > 300 || !utf8.ValidString(msg) || msg == "" {
		t.Fatalf("bad message (%d bytes): %q", len(msg), msg)
	}
	// Messages open with a lowercase word or a quote, so a prefix starting
	// with an ASCII letter or '"' can match by accident; that is harmless,
	// as the router puts "❌ " first. Every other prefix must never match.
	if c := prefix[0]; !isASCIILetter(c) && c != '"' && strings.HasPrefix(msg, prefix) {
		t.Fatalf("message starts with the prefix %q: %q", prefix, msg)
	}
}

func checkCommand(t *testing.T, cmd Command, text string) {
	t.Helper()
	if spec, known := cat.Lookup(cmd.Name); !known || spec.Name != cmd.Name {
		t.Fatalf("command %q is not a spec's name as written", cmd.Name)
	}
	if len(cmd.Targets) > MaxTargets {
		t.Fatalf("%d targets", len(cmd.Targets))
	}
	for _, tg := range cmd.Targets {
		if tg.Raw == "" || !strings.Contains(text, tg.Raw) || tg.Value == "" {
			t.Fatalf("target %+v not from %q", tg, text)
		}
		if tg.Kind == UserID && (tg.ID < 1 || tg.ID > maxUserID) {
			t.Fatalf("id out of range: %+v", tg)
		}
	}
	o := cmd.Options
	if o.BG() != nil && (len(o.BG()) < 1 || len(o.BG()) > maxColours) {
		t.Fatalf("%d colours", len(o.BG()))
	}
	for _, c := range o.BG() {
		if c > 0xffffff {
			t.Fatalf("colour %x", c)
		}
	}
	if o.Frame() != nil && (*o.Frame() < 0 || *o.Frame() > maxFrame) {
		t.Fatalf("frame %v", *o.Frame())
	}
	if o.For() < 0 || o.For() > maxFor {
		t.Fatalf("for %v", o.For())
	}
	if o.Photo() < 0 || o.Photo() > maxPhotoNumber || (o.Photo() != 0 && cmd.Name != "keep") {
		t.Fatalf("photo=%d on %s", o.Photo(), cmd.Name)
	}
	if o.Add() && cmd.Name != "setphoto" && cmd.Name != "hide" && cmd.Name != "keep" {
		t.Fatalf("add=yes on %s", cmd.Name)
	}
	spec, _ := cat.Lookup(cmd.Name)
	for key := range o {
		if !spec.accepts(key) {
			t.Fatalf("%s holds option %s, which its spec does not take", cmd.Name, key)
		}
	}
	if cmd.Topic != "" {
		if _, known := cat.Lookup(cmd.Topic); !known || cmd.Name != "help" {
			t.Fatalf("topic %q on %s", cmd.Topic, cmd.Name)
		}
	}
}

// FuzzParseLetterCase: changing the letter case of the command word and
// of option keys changes nothing but how an unknown one is echoed.
func FuzzParseLetterCase(f *testing.F) {
	for _, seed := range []string{"/setphoto @alice for=1h", "/help reset", "/list", "/sethoto @a", "/\u017fetphoto", "/k\u212aeep", "/keep @a photo=2 add=yes"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tokens := strings.Split(text, " ")
		for i, tok := range tokens {
			if key, _, isOption := strings.Cut(tok, "="); i == 0 || isOption {
				tokens[i] = foldUpperASCII(key) + strings.TrimPrefix(tok, key)
			}
		}
		swapped := strings.Join(tokens, " ")
		a, okA, errA := cat.Parse(text, "/")
		b, okB, errB := cat.Parse(swapped, "/")
		if okA != okB || (errA == nil) != (errB == nil) {
			t.Fatalf("%q: %v, %v; %q: %v, %v", text, okA, errA, swapped, okB, errB)
		}
		if errA == nil && (a.Name != b.Name || a.Topic != b.Topic || len(a.Targets) != len(b.Targets) || a.Options.For() != b.Options.For()) {
			t.Fatalf("%q = %+v; %q = %+v", text, a, swapped, b)
		}
	})
}

// foldUpperASCII uppercases the ASCII letters of s and nothing else.
func foldUpperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30m", "12h", "7d", "1d12h", "0m", "367d", "7w", "", "99999999999999999999m", "1d2h3m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, err := parseDuration(v)
		if err != nil {
			if d != 0 || len(err.Error()) > 300 || !utf8.ValidString(err.Error()) {
				t.Fatalf("parseDuration(%q) = %v, %q", v, d, err)
			}
			return
		}
		if d < time.Minute || d > maxFor || d%time.Minute != 0 {
			t.Fatalf("parseDuration(%q) = %v", v, d)
		}
	})
}

func FuzzColours(f *testing.F) {
	for _, s := range []string{"#112233", "#aabbcc,#AABBCC", "#1,#2,#3,#4,#5", "112233", "#12345", ",", "#000000,#ffffff,#123456,#654321"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		cs, err := parseColours(v)
		if err != nil {
			if cs != nil || len(err.Error()) > 300 || !utf8.ValidString(err.Error()) {
				t.Fatalf("parseColours(%q) = %x, %q", v, cs, err)
			}
			return
		}
		if len(cs) < 1 || len(cs) > maxColours || len(cs) != strings.Count(v, "#") {
			t.Fatalf("parseColours(%q) = %x", v, cs)
		}
		for _, c := range cs {
			if c > 0xffffff {
				t.Fatalf("parseColours(%q) = %x", v, cs)
			}
		}
	})
}

func FuzzFrame(f *testing.F) {
	for _, s := range []string{"0", "10", "10.001", "-1", "abc", "2.5", ".5", "-0", "1e1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		x, err := parseFrame(v)
		if err != nil {
			if len(err.Error()) > 300 || !utf8.ValidString(err.Error()) {
				t.Fatalf("parseFrame(%q): %q", v, err)
			}
			return
		}
		if x < 0 || x > maxFrame || x != x {
			t.Fatalf("parseFrame(%q) = %v", v, x)
		}
	})
}
