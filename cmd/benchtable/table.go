package main

import (
	"fmt"
	"io"
	"slices"
)

// row is one line of issue #6's table and the metric that measures it.
type row struct {
	job    string
	target string  // as the issue writes it
	bench  string  // the benchmark, without "Benchmark"
	unit   string  // its metric
	limit  float64 // the median must not exceed it; ignored when info
	format string  // renders one value
	info   bool    // shown for context, no target
}

var rows = []row{
	{job: "largest profile video (1.9 MB, 800×800, 5 s): command pushed → `uploadContactProfilePhoto`", target: "≤ 2.5 RTT",
		bench: "VideoProfile", unit: "rtt/job", limit: 2.5, format: "%.2f RTT"},
	{job: "1 MiB photo, same", target: "≤ 2.5 RTT",
		bench: "Photo1MiB", unit: "rtt/job", limit: 2.5, format: "%.2f RTT"},
	{job: "… the 1 MiB photo as the first command after the daemon released its memory (see below)", target: "—",
		bench: "Photo1MiBAfterRelease", unit: "rtt/job", format: "%.2f RTT", info: true},
	{job: "5 MB PNG sent as a file, same", target: "≤ 2.5 RTT",
		bench: "PNGFile5MB", unit: "rtt/job", limit: 2.5, format: "%.2f RTT"},
	{job: "… the 5 MB PNG living on another DC than the account's", target: "—",
		bench: "PNGFile5MBOtherDC", unit: "rtt/job", format: "%.2f RTT", info: true},
	{job: "… stress: a 10 MiB PNG file, the largest image taken", target: "—",
		bench: "PNGFile10MiB", unit: "rtt/job", format: "%.2f RTT", info: true},
	// The reply leaves once the calls before it are answered: 1 RTT of
	// calls, and the limit leaves half an RTT for the work on both ends.
	{job: "`/reset` with 100 other records, command pushed → reply", target: "≤ 1 RTT of calls",
		bench: "TextReset", unit: "rtt/job", limit: 1.5, format: "%.2f RTT"},
	{job: "`/list` of 100 records, same", target: "≤ 1 RTT of calls",
		bench: "TextList", unit: "rtt/job", limit: 1.5, format: "%.2f RTT"},
	{job: "100 commands (1 MiB photos) to 100 contacts written while stopped, start → last reply", target: "≤ 40 RTT",
		bench: "Backlog100", unit: "rtt/100cmds", limit: 40, format: "%.1f RTT"},
	{job: "`/hide all` on 3,000 contacts, after the contact list, per contact", target: "≤ 0.15 RTT",
		bench: "HideAll", unit: "rtt/contact", limit: 0.15, format: "%.3f RTT"},
	{job: "… FLOOD_WAITs the emulator answered during it", target: "0",
		bench: "HideAll", unit: "flood-waits", limit: 0, format: "%.0f"},
	{job: "… peak memory during it", target: "≤ idle + 16 MiB",
		bench: "HideAll", unit: "MiB-peak-over-idle", limit: 16, format: "idle + %.1f MiB"},
	{job: "`/list` of 3,000 records, 3,000 contacts cached, command pushed → its answer (a `.txt` document)", target: "≤ 2 RTT",
		bench: "Scale3000", unit: "rtt/list", limit: 2, format: "%.2f RTT"},
	{job: "… start-up with them, first call → `updates.getDifference`", target: "≤ 3 RTT",
		bench: "Scale3000", unit: "rtt/startup", limit: 3, format: "%.2f RTT"},
	{job: "… idle memory (RSS) after that start", target: "≤ 12 MiB",
		bench: "Scale3000", unit: "MiB-idle", limit: 12, format: "%.1f MiB"},
	{job: "… the database per record", target: "≤ 4 KiB",
		bench: "Scale3000", unit: "B/record", limit: 4096, format: "%.0f B"},
	{job: "the same with 10,000 records and contacts: `/list`", target: "≤ 2 RTT",
		bench: "Scale10000", unit: "rtt/list", limit: 2, format: "%.2f RTT"},
	{job: "… start-up", target: "≤ 3 RTT",
		bench: "Scale10000", unit: "rtt/startup", limit: 3, format: "%.2f RTT"},
	{job: "… idle memory (RSS)", target: "≤ 12 MiB",
		bench: "Scale10000", unit: "MiB-idle", limit: 12, format: "%.1f MiB"},
	{job: "… the database per record", target: "≤ 4 KiB",
		bench: "Scale10000", unit: "B/record", limit: 4096, format: "%.0f B"},
	{job: "start-up with one record, first call → `updates.getDifference`", target: "—",
		bench: "StartupEmpty", unit: "rtt/startup", format: "%.2f RTT", info: true},
	// The notice's three round trips: the check, the upload of the previous
	// photo, the send, which arrives after the first two.
	{job: "a watched contact changes their photo: `updateUser` pushed → the notice's `messages.sendMedia`, beyond the 2 s batching window", target: "≤ 3 RTT",
		bench: "WatchNotice", unit: "rtt/notice", limit: 3, format: "%.2f RTT"},
	{job: "daemon CPU per MiB copied (5 MB PNG files, loopback) over MTProto crypto of the same bytes", target: "≤ 1.2×",
		bench: "CPUPerMiB", unit: "x-crypto", limit: 1.2, format: "%.2f×"},
	{job: "… daemon CPU per MiB", target: "—",
		bench: "CPUPerMiB", unit: "cpu-ms/MiB", format: "%.1f ms", info: true},
	{job: "… gotd's AES-IGE + SHA-256 both ways per MiB, same run", target: "—",
		bench: "CPUPerMiB", unit: "crypto-ms/MiB", format: "%.1f ms", info: true},
	{job: "idle memory (RSS) after start", target: "≤ 12 MiB",
		bench: "IdleRSS", unit: "MiB-idle", limit: 12, format: "%.1f MiB"},
	{job: "… of which the daemon's own (RssAnon: heap, stacks), not pages of the binary", target: "—",
		bench: "IdleRSS", unit: "MiB-idle-anon", format: "%.1f MiB", info: true},
	{job: "… idle memory once a video job is over and the daemon has been quiet (a minute; 1 s here)", target: "—",
		bench: "IdleRSSAfterWork", unit: "MiB-idle", format: "%.1f MiB", info: true},
	{job: "idle memory with 1,000 contacts watched (`/watch all`, 100 photos copied), after a start's check of them all", target: "≤ 12 MiB",
		bench: "IdleRSSWatching", unit: "MiB-idle", limit: 12, format: "%.1f MiB"},
	{job: "… the daemon that made the copies, once quiet", target: "—",
		bench: "IdleRSSWatching", unit: "MiB-after-copies", format: "%.1f MiB", info: true},
	{job: "peak memory during the 1.9 MB video job", target: "≤ idle + 4 MiB",
		bench: "PeakRSSVideo", unit: "MiB-peak-over-idle", limit: 4, format: "idle + %.1f MiB"},
	{job: "… the same on a daemon that has done one before (over its idle then)", target: "—",
		bench: "PeakRSSVideoWarm", unit: "MiB-peak-over-idle", format: "idle + %.1f MiB", info: true},
	{job: "… and during the 1 MiB photo job", target: "—",
		bench: "PeakRSSPhoto1MiB", unit: "MiB-peak-over-idle", format: "idle + %.1f MiB", info: true},
	{job: "Telegram calls per `/setphoto` of a photo to a known contact, beyond parts + 1 upload + 1 reply", target: "0",
		bench: "CallsPerSetphoto", unit: "rpcs-other", limit: 0, format: "%.0f"},
	{job: "… all calls of that `/setphoto` (1 MiB: its parts, the upload, the reply)", target: "—",
		bench: "CallsPerSetphoto", unit: "rpcs/job", format: "%.0f", info: true},
}

// stats are the median, minimum and maximum of the runs' values.
type stats struct {
	n                int
	median, min, max float64
}

func summarize(xs []float64) stats {
	if len(xs) == 0 {
		return stats{}
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	m := s[n/2]
	if n%2 == 0 {
		m = (s[n/2-1] + s[n/2]) / 2
	}
	return stats{n: n, median: m, min: s[0], max: s[n-1]}
}

// render writes the table in Markdown and reports whether every target
// with results was met.
func render(w io.Writer, res results) (allOK bool) {
	allOK = true
	fmt.Fprintln(w, "| job | target | median | min | max | ok? |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range rows {
		s := summarize(res[r.bench][r.unit])
		if s.n == 0 {
			fmt.Fprintf(w, "| %s | %s | — | — | — | not run |\n", r.job, r.target)
			continue
		}
		ok := "—"
		switch {
		case r.info:
		case s.median <= r.limit:
			ok = "yes"
		default:
			ok, allOK = "**no**", false
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.job, r.target,
			fmt.Sprintf(r.format, s.median), fmt.Sprintf(r.format, s.min), fmt.Sprintf(r.format, s.max), ok)
	}
	return allOK
}
