package handlers

import (
	"strings"
	"testing"
)

func TestOutcomeString(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    outcome
		want string
	}{
		{"one ok", done("@alice: personal photo set"), "✅ @alice: personal photo set"},
		{"one failed", failed("@bob is not in your contacts"), "❌ @bob is not in your contacts"},
		{"all ok", outcome{lines: []line{{true, "@a: set"}, {true, "@b: set"}}}, "✅ all 2 done\n✅ @a: set\n✅ @b: set"},
		{"mixed", outcome{lines: []line{{true, "@a: set"}, {false, "@eve is not in your contacts"}}}, "❌ 1 of 2 failed\n✅ @a: set\n❌ @eve is not in your contacts"},
		{"header ok", outcome{header: "2 contacts", lines: []line{{true, "• a"}, {true, "• b"}}}, "✅ 2 contacts\n• a\n• b"},
		{"header failed", outcome{header: "h", lines: []line{{false, "x"}}}, "❌ h\nx"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutcomeNeverStartsWithPrefix(t *testing.T) {
	for _, r := range []outcome{done("x"), failed("/x"), {header: "/h"}, {lines: []line{{true, "/a"}, {false, "/b"}}}} {
		s := r.String()
		if !strings.HasPrefix(s, "✅") && !strings.HasPrefix(s, "❌") {
			t.Errorf("reply %q starts with neither ✅ nor ❌", s)
		}
	}
}
