package session

import (
	"runtime/debug"
	"time"
)

// Version is the daemon's version: the one deploy/build.sh stamps with
// -ldflags (a binary cross-compiled and copied has no repository beside it),
// else from the build information: the module's version when it was built
// as one, else the commit it was built from; "dev" when it recorded neither.
var Version = stampedOr(stamped, version(debug.ReadBuildInfo()))

// stamped is set at link time: -ldflags "-X persona/session.stamped=v1.2.3".
var stamped string

func stampedOr(stamp, fromBuild string) string {
	if stamp != "" {
		return stamp
	}
	return fromBuild
}

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
