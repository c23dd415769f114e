package e2e_test

import (
	"os"
	"regexp"
	"testing"

	"persona/emulator"
)

// TestTimesShowTheirZone: every time in a reply names its zone: the one the
// daemon runs in (TZ), or bot.timezone when set. Zones without summer time,
// so the names do not depend on the date.
func TestTimesShowTheirZone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, env, key, zone string
	}{
		{name: "TZ", env: "TZ=Asia/Kolkata", zone: "IST"},
		{name: "bot.timezone", env: "TZ=Asia/Kolkata", key: "Asia/Tokyo", zone: "JST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, setup{})
			w.env = append(w.env, tt.env)
			if tt.key != "" {
				f, err := os.OpenFile(w.config, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				_, err = f.WriteString("\n[bot]\ntimezone = \"" + tt.key + "\"\n")
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			w.mustLogin(t)
			d := w.startDaemon(t)
			_, media := photo()
			stamp := `\d{4}-\d\d-\d\d \d\d:\d\d ` + tt.zone + `\b`
			set := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice for=2h", Media: media}))
			if !regexp.MustCompile(`^✅ @alice: personal photo set, until ` + stamp).MatchString(set.Message) {
				t.Errorf("/setphoto for=2h: %q, want the time in %s", set.Message, tt.zone)
			}
			for _, cmd := range []string{"/history @alice", "/list"} {
				r := w.waitReply(t, d, w.post(t, emulator.Message{Text: cmd}))
				if !regexp.MustCompile(`set ` + stamp + `, until ` + stamp).MatchString(r.Message) {
					t.Errorf("%s: %q, want times in %s", cmd, r.Message, tt.zone)
				}
			}
		})
	}
}
