package typo

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"setphoto", "setphoto", 0},
		{"setphto", "setphoto", 1},
		{"stephoto", "setphoto", 1}, // a swap of neighbours is one edit
		{"app_hsh", "app_hash", 1},
		{"lvl", "level", 2},
		{"x", "bot", 3},
		{"фото", "фота", 1}, // runes, not bytes
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzDistance(f *testing.F) {
	f.Add("setphoto", "stephoto")
	f.Fuzz(func(t *testing.T, a, b string) {
		d := Distance(a, b)
		same := string([]rune(a)) == string([]rune(b)) // invalid UTF-8 reads as U+FFFD
		if d != Distance(b, a) || d < 0 || same != (d == 0) {
			t.Fatalf("Distance(%q, %q) = %d, not a distance", a, b, d)
		}
	})
}
