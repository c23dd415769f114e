package command

import "testing"

func TestParseAll(t *testing.T) {
	tests := []struct {
		text    string
		all     bool
		targets int
		err     string
	}{
		{text: "/hide all", all: true},
		{text: "/hide ALL", all: true},
		{text: "/reset All", all: true},
		{text: "/hide all add=yes", all: true},
		{text: "/watch", targets: 0},
		{text: "/watch all", all: true},
		{text: "/watch @alice @bob", targets: 2},
		{text: "/hide all @alice", err: "all stands alone: /hide all is every contact, so it takes no other targets"},
		{text: "/hide @alice all", err: "all stands alone: /hide all is every contact, so it takes no other targets"},
		{text: "/setphoto all", err: "all is not a target of /setphoto: it works with /reset, /hide and /watch"},
		{text: "/history all", err: "all is not a target of /history: it works with /reset, /hide and /watch"},
		{text: "/hide @all", targets: 1}, // a username, not the word
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			cmd, _, err := cat.Parse(tt.text, "/")
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || cmd.All != tt.all || len(cmd.Targets) != tt.targets {
				t.Fatalf("Parse = all %v, %d targets, %v; want all %v, %d targets", cmd.All, len(cmd.Targets), err, tt.all, tt.targets)
			}
		})
	}
}
