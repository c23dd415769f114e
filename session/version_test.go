package session

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	const rev = "4b2d79311b9a34ab9ba23f622f4316f4a037bac2"
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "dev"},
		{"module version", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3"},
		{"pseudo-version wins over vcs", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201230200-4b2d79311b9a+dirty"}, Settings: vcs("vcs.revision", rev)}, true, "v0.0.0-20261201230200-4b2d79311b9a+dirty"},
		{"devel, no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "dev"},
		{"devel with vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-01T23:02:00Z", "vcs.modified", "false")}, true, "4b2d79311b9a-20261201230200"},
		{"dirty", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-01T23:02:00Z", "vcs.modified", "true")}, true, "4b2d79311b9a-20261201230200-dirty"},
		{"no time", &debug.BuildInfo{Settings: vcs("vcs.revision", "abc")}, true, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := version(tt.info, tt.ok); got != tt.want {
				t.Errorf("version = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStampedVersion: a version stamped at link time wins over the build
// information, which is what a binary built without the script shows.
func TestStampedVersion(t *testing.T) {
	if got := stampedOr("v1.4.0-3-gabc", "4b2d79311b9a"); got != "v1.4.0-3-gabc" {
		t.Errorf("stamped: %q", got)
	}
	if got := stampedOr("", "4b2d79311b9a"); got != "4b2d79311b9a" {
		t.Errorf("not stamped: %q", got)
	}
}
