package handlers

import (
	"cmp"
	"fmt"
	"slices"

	"persona/storage"
)

// listWatches runs /watch alone: who is watched, since when, and how many
// copies of their photos are kept.
func (r *runner) listWatches() outcome {
	ws, err := r.watches.Watches()
	if err != nil {
		return failed("could not read the watches: " + short(err))
	}
	since, all, err := r.watches.WatchAll()
	if err != nil {
		return failed("could not read the watches: " + short(err))
	}
	if len(ws) == 0 && !all {
		return done("nobody is watched; " + r.prefix + "watch @alice tells you when she changes her profile photo")
	}
	slices.SortFunc(ws, func(a, b storage.Watch) int { return cmp.Compare(a.Since.UnixNano(), b.Since.UnixNano()) })
	out := outcome{header: "👁 " + plural(len(ws), "contact") + " watched"}
	if all {
		out.add(true, "all contacts, and contacts added later, since "+r.zone.at(since))
	}
	for _, w := range ws {
		out.add(true, w.Label+": since "+r.zone.at(w.Since)+", "+copies(len(w.Copies))+" kept")
	}
	return out
}

func copies(n int) string {
	if n == 1 {
		return "1 copy"
	}
	return itoa(n) + " copies"
}

// archiveLine is /status's line about the copies of watched contacts' photos.
func (r *runner) archiveLine() string {
	if r.archive == nil {
		return "archive: none"
	}
	files, size, err := r.archive.Usage()
	if err != nil {
		return "archive: unreadable (" + short(err) + ")"
	}
	return fmt.Sprintf("archive: %s, %.1f MB in %s", copies(files), float64(size)/(1<<20), r.archive.Dir())
}
