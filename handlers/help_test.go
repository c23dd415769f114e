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
		if s.Usage == "" || s.Summary == "" || s.Example == "" || s.Details == "" || s.Targets == 0 {
			t.Errorf("%s: incomplete spec %+v", s.Name, s)
		}
		if !strings.HasPrefix(s.Usage, "/"+s.Name) || !strings.HasPrefix(s.Example, "/"+s.Name) {
			t.Errorf("%s: usage or example does not start with /%s", s.Name, s.Name)
		}
		for _, o := range s.Options {
			if !slices.Contains([]string{"frame", "bg", "for", "suggest", "add", "photo"}, o) {
				t.Errorf("%s: unknown option %q in spec", s.Name, o)
			}
			if !strings.Contains(s.Usage, o+"=") || !strings.Contains(s.Details, o+"=") {
				t.Errorf("%s: option %s missing from usage or details", s.Name, o)
			}
		}
	}
	want := []string{"setphoto", "suggest", "reset", "undo", "hide", "keep", "history", "list", "help", "status"}
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
	for _, name := range []string{"setphoto", "status", "help"} {
		if s, ok := catalogue().Lookup(name); !ok || s.Name != name {
			t.Errorf("catalogue().Lookup(%q) = %v, %v", name, s.Name, ok)
		}
	}
	for _, name := range []string{"", "set", "setphotox", "SETPHOTO", "/setphoto", "setphoto@bot"} {
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
	for _, name := range []string{"setphoto", "/setphoto", "p/setphoto"} {
		text, ok := catalogue().HelpTopic("p/", name)
		if !ok {
			t.Fatalf("catalogue().HelpTopic(%q) not found", name)
		}
		for _, want := range []string{
			"Usage: p/setphoto TARGET... [frame=SECONDS]",
			"JPEG, PNG or WebP", "round video", "frame=2.5", "bg=#112233,#445566", "#3E8EDE", "1d12h", "366d",
			"as p/suggest does",
			"TARGET is @username, t.me/username, +phone of a contact, or a numeric user id; give 1 to 50",
			"Example: p/setphoto @alice for=7d",
			"\n\nMore examples:\np/setphoto @alice @bob — as the caption of a photo",
			"p/setphoto @alice frame=2.5 — replying to a video",
			"p/setphoto @alice 🙂 — with a custom emoji",
			"quoting one line: that photo again",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("catalogue().HelpTopic(%q) lacks %q:\n%s", name, want, text)
			}
		}
		if strings.HasPrefix(text, "p/") {
			t.Errorf("help starts with the prefix: %q", text)
		}
	}
	text, _ := catalogue().HelpTopic("!", "history")
	if !strings.Contains(text, "give exactly one") || !strings.Contains(text, "Example: !history @alice") {
		t.Errorf("history help:\n%s", text)
	}
	text, _ = catalogue().HelpTopic("!", "list")
	if strings.Contains(text, "TARGET") {
		t.Errorf("list help mentions targets:\n%s", text)
	}
	for _, name := range []string{"", "xyz", "set", "!!setphoto"} {
		if _, ok := catalogue().HelpTopic("!", name); ok {
			t.Errorf("catalogue().HelpTopic(%q) found a command", name)
		}
	}
	for _, s := range catalogue().Specs() {
		if _, ok := catalogue().HelpTopic("/", s.Name); !ok {
			t.Errorf("no topic for %s", s.Name)
		}
	}
}
