package command

import "testing"

func TestRender(t *testing.T) {
	for in, want := range map[string]string{
		"/setphoto @alice":          "!!setphoto @alice",
		"see /help, or /undo.":      "see !!help, or !!undo.",
		"(/list)":                   "(!!list)",
		"t.me/list and JPEG/PNG":    "t.me/list and JPEG/PNG",
		"/setphotos /listing /help": "/setphotos /listing !!help",
		"a/help":                    "a/help",
		"/":                         "/",
	} {
		if got := cat.render("!!", in); got != want {
			t.Errorf("render(%q) = %q, want %q", in, got, want)
		}
	}
}
