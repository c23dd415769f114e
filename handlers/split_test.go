package handlers

import (
	"strings"
	"testing"
)

func TestSplitReply(t *testing.T) {
	line := func(n int, s string) string { return strings.Repeat(s, n) }
	var list strings.Builder
	list.WriteString("✅ 150 contacts with a personal photo")
	for i := range 150 {
		list.WriteString("\n• @contact_with_a_rather_long_username_" + strings.Repeat("x", i%7) + ": photo from message 812, set 2026-11-20 09:12")
	}
	for _, tt := range []struct {
		name  string
		text  string
		parts int
	}{
		{"short", "✅ done", 1},
		{"exactly the limit", line(4096, "a"), 1},
		{"one over the limit", line(4097, "a"), 2},
		{"emoji count two", line(2049, "😀"), 2},
		{"a list of 150 lines", list.String(), 0},
		{"one long line of emoji", "❌ " + line(5000, "😀"), 3},
		{"lines of Cyrillic", strings.Repeat("• Жанна Иванова: фото\n", 400), 0},
	} {
		parts := splitReply(tt.text, "/")
		if tt.parts > 0 && len(parts) != tt.parts {
			t.Errorf("%s: %d parts, want %d", tt.name, len(parts), tt.parts)
		}
		var joined strings.Builder
		for i, p := range parts {
			if u := units(p); u > maxMessageUnits {
				t.Errorf("%s: part %d is %d units", tt.name, i+1, u)
			}
			if i > 0 {
				header, body, _ := strings.Cut(p, "\n")
				if !strings.HasPrefix(header, "(continued ") || strings.HasPrefix(p, "/") {
					t.Errorf("%s: part %d begins %q", tt.name, i+1, header)
				}
				p = body
			}
			joined.WriteString(p)
		}
		// Line ends may move to a part's edge; every other character stays, in order.
		if strings.ReplaceAll(joined.String(), "\n", "") != strings.ReplaceAll(tt.text, "\n", "") {
			t.Errorf("%s: the parts do not add up to the text", tt.name)
		}
	}
}

func FuzzSplitReply(f *testing.F) {
	f.Add("✅ ok", 1)
	f.Add("😀\n", 3000)
	f.Add("a\n\nb", 2000)
	f.Fuzz(func(t *testing.T, s string, times int) {
		// Up to 256 KiB: more than any reply Persona writes (a /list of
		// 1,000 contacts is about 100 KiB), small enough that each input
		// runs in milliseconds and the fuzzing engine never takes it for a
		// hang.
		if times < 0 || times > 5000 || len(s)*times > 256<<10 {
			return
		}
		text := strings.Repeat(s, times)
		parts := splitReply(text, "(")
		total := 0
		for i, p := range parts {
			if units(p) > maxMessageUnits {
				t.Fatalf("part %d is %d units", i+1, units(p))
			}
			if i > 0 {
				_, p, _ = strings.Cut(p, "\n")
			}
			total += len(strings.ReplaceAll(p, "\n", ""))
		}
		if want := len(strings.ReplaceAll(text, "\n", "")); total != want {
			t.Fatalf("parts hold %d bytes besides line ends, the text %d", total, want)
		}
	})
}

// TestSplitReplyNeverStartsWithPrefix: with "(" as the command prefix the
// parts after the first begin otherwise.
func TestSplitReplyNeverStartsWithPrefix(t *testing.T) {
	for _, prefix := range []string{"/", "(", "!", "…"} {
		for i, p := range splitReply(strings.Repeat("• a line of a long list\n", 400), prefix) {
			if strings.HasPrefix(p, prefix) {
				t.Errorf("prefix %q: part %d begins with it: %.20q", prefix, i+1, p)
			}
		}
	}
}
