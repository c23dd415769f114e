package session

import (
	"runtime/debug"
	"time"
)

// Version is the daemon's version, from the build information: the
// module's version when it was built as one, else the commit it was built
// from; "dev" when the build recorded neither.
var Version = version(debug.ReadBuildInfo())

func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := rev[:min(len(rev), 12)]
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		v += "-" + t.UTC().Format("20060102150405")
	}
	if dirty {
		v += "-dirty"
	}
	return v
}
