package handlers

import (
	"slices"
	"strings"
	"testing"
)

func TestSpecsOrderAndShape(t *testing.T) {
	var names []string
	for _, s := range catalogue().Specs() {
		names = append(names, s.Name)
		if s.Usage == "" || s.Summary == "" || s.Example == "" || s.Targets == 0 || len(s.Examples) > 2 {
			t.Errorf("%s: incomplete spec %+v", s.Name, s)
		}
		if !strings.HasPrefix(s.Usage, "/"+s.Name) || !strings.HasPrefix(s.Example, "/"+s.Name) {
			t.Errorf("%s: usage or example does not start with /%s", s.Name, s.Name)
		}
		for _, o := range s.Options {
			if !slices.Contains([]string{"frame", "bg", "for", "suggest", "add", "photo", "replace"}, o) {
				t.Errorf("%s: unknown option %q in spec", s.Name, o)
			}
			if !strings.Contains(s.Usage, o+"=") {
				t.Errorf("%s: option %s missing from usage", s.Name, o)
			}
		}
	}
	want := []string{"setphoto", "suggest", "reset", "undo", "hide", "keep", "watch", "unwatch", "import", "history", "list", "help", "status"}
	if !slices.Equal(names, want) {
		t.Errorf("catalogue().Specs() order %v, want %v", names, want)
	}
}

func TestSpecExamplesParse(t *testing.T) {
	for _, prefix := range []string{"/", "!", "p/"} {
		for _, s := range catalogue().Specs() {
			examples := []string{s.Example}
			for _, e := range s.Examples {
				examples = append(examples, e.Text)
				if e.Note == "" || strings.HasSuffix(e.Note, ".") {
					t.Errorf("example %q: note %q, want a phrase without a final period", e.Text, e.Note)
				}
			}
			for _, ex := range examples {
				example := prefix + strings.TrimPrefix(ex, "/")
				cmd, ok, err := catalogue().Parse(example, prefix)
				if !ok || err != nil || cmd.Name != s.Name {
					t.Errorf("example %q: %+v, %v, %v", example, cmd, ok, err)
				}
			}
		}
	}
}

func TestSpecsIsACopy(t *testing.T) {
	catalogue().Specs()[0].Options[0] = "changed"
	s, _ := catalogue().Lookup("setphoto")
	s.Options[1] = "changed"
	if got, _ := catalogue().Lookup("setphoto"); got.Options[0] != "frame" || got.Options[1] != "bg" {
		t.Errorf("catalogue changed through a returned Spec: %v", got.Options)
	}
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"setphoto", "status", "help", "SETPHOTO", "SetPhoto"} {
		if s, ok := catalogue().Lookup(name); !ok || s.Name != strings.ToLower(name) {
			t.Errorf("catalogue().Lookup(%q) = %v, %v", name, s.Name, ok)
		}
	}
	for _, name := range []string{"", "set", "setphotox", "/setphoto", "setphoto@bot", "\u017fetphoto"} {
		if _, ok := catalogue().Lookup(name); ok {
			t.Errorf("catalogue().Lookup(%q) found a command", name)
		}
	}
}

func TestHelpText(t *testing.T) {
	text := catalogue().HelpText("!")
	lines := strings.Split(text, "\n")
	if lines[0] != "Commands:" {
		t.Errorf("first line %q", lines[0])
	}
	for i, s := range catalogue().Specs() {
		line := lines[i+1]
		want := "!" + strings.TrimPrefix(s.Usage, "/") + " — " + s.Summary + ". Example: !" + strings.TrimPrefix(s.Example, "/")
		if line != want {
			t.Errorf("line for %s:\n got %q\nwant %q", s.Name, line, want)
		}
	}
	if strings.Contains(text, "/setphoto") || strings.Contains(text, "/help") {
		t.Errorf("a command is still written with /:\n%s", text)
	}
	for _, want := range []string{"t.me/username", "Send !help COMMAND", "numeric user id"} {
		if !strings.Contains(text, want) {
			t.Errorf("help lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(catalogue().HelpText("/"), "/setphoto @alice for=7d") {
		t.Error("default prefix not rendered")
	}
}

func TestHelpTopic(t *testing.T) {
	for _, name := range []string{"setphoto", "/setphoto", "p/setphoto", "SetPhoto"} {
		text, ok := catalogue().HelpTopic("p/", name)
		if !ok {
			t.Fatalf("catalogue().HelpTopic(%q) not found", name)
		}
		want := []string{
			"Usage: p/setphoto TARGET... [frame=SECONDS] [bg=#RRGGBB[,#RRGGBB...]] [for=DURATION] [suggest=yes] [add=yes]",
			"Sets a personal photo for each target, one that only you see.",
			"",
			"TARGET: @username, t.me/username, +phone of a contact, or a numeric user id; 1 to 50",
			"frame=SECONDS — the frame of a video or GIF shown as its cover, 0 to 10 s",
			"bg=#RRGGBB — background behind a sticker or emoji; 1 to 4 colours, default #3E8EDE",
			"for=DURATION — undo it when the time is up: 30m, 12h, 7d, 1d12h, up to 366d",
			"suggest=yes — also suggest the media to them as their own profile photo",
			"add=yes — add a target who is not a contact first (your phone stays hidden)",
			"Media: attached to the command, else the message it replies to:",
			"a photo or image (JPEG, PNG or WebP, up to 10 MB), a sticker, a custom emoji typed in,",
			"or an MP4 video or GIF (square, 160 to 1280 px a side, at most 10 s and 2 MB).",
			"Reply to a p/history answer, quoting one of its lines, to set that photo again.",
			"",
			"Examples:",
			"p/setphoto @alice @bob — as the caption of a photo, or replying to one: both get it",
			"p/setphoto @alice for=12h — for 12 hours, then back to the photo before",
		}
		if got := strings.Split(text, "\n"); !slices.Equal(got, want) {
			t.Errorf("catalogue().HelpTopic(%q):\n%s\nwant:\n%s", name, text, strings.Join(want, "\n"))
		}
	}
	text, _ := catalogue().HelpTopic("!", "history")
	if !strings.Contains(text, "; exactly one\n") || !strings.Contains(text, "\n!history @alice — ") {
		t.Errorf("history help:\n%s", text)
	}
	text, _ = catalogue().HelpTopic("!", "list")
	if strings.Contains(text, "TARGET") || !strings.HasSuffix(text, "Examples:\n!list") {
		t.Errorf("list help:\n%s", text)
	}
	for _, name := range []string{"", "xyz", "set", "!!setphoto"} {
		if _, ok := catalogue().HelpTopic("!", name); ok {
			t.Errorf("catalogue().HelpTopic(%q) found a command", name)
		}
	}
}

// TestHelpTopicShortLines: every /help COMMAND is short lines (the usage
// line aside) and ends with one or two examples.
func TestHelpTopicShortLines(t *testing.T) {
	for _, s := range catalogue().Specs() {
		text, ok := catalogue().HelpTopic("/", s.Name)
		if !ok {
			t.Fatalf("no topic for %s", s.Name)
		}
		lines := strings.Split(text, "\n")
		for _, l := range lines[1:] {
			if n := len([]rune(l)); n > 100 {
				t.Errorf("/help %s: a line of %d characters: %q", s.Name, n, l)
			}
		}
		_, examples, _ := strings.Cut(text, "\nExamples:\n")
		if n := strings.Count(examples, "\n") + 1; examples == "" || n > 2 {
			t.Errorf("/help %s: %d examples, want 1 or 2:\n%s", s.Name, n, text)
		}
	}
}
