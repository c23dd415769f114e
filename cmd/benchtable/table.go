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
	{job: "10 MiB video: command pushed → `uploadContactProfilePhoto`", target: "≤ 100 ms",
		bench: "Video10MiB", unit: "ms/job", limit: 100, format: "%.1f ms"},
	{job: "1 MiB photo, same", target: "≤ 15 ms",
		bench: "Photo1MiB", unit: "ms/job", limit: 15, format: "%.1f ms"},
	{job: "text command `/reset`, command pushed → reply", target: "≤ 5 ms",
		bench: "TextReset", unit: "ms/job", limit: 5, format: "%.1f ms"},
	{job: "text command `/list`, same", target: "≤ 5 ms",
		bench: "TextList", unit: "ms/job", limit: 5, format: "%.1f ms"},
	{job: "idle memory (RSS) after start", target: "≤ 20 MiB",
		bench: "IdleRSS", unit: "MiB-idle", limit: 20, format: "%.1f MiB"},
	{job: "peak memory during the 10 MiB job", target: "≤ idle + 8 MiB",
		bench: "PeakRSSVideo10MiB", unit: "MiB-peak-over-idle", limit: 8, format: "idle + %.1f MiB"},
	{job: "… the 10 MiB job on a daemon that has done one before (over its idle then)", target: "—",
		bench: "PeakRSSVideo10MiBWarm", unit: "MiB-peak-over-idle", format: "idle + %.1f MiB", info: true},
	{job: "… and during the 1 MiB photo job", target: "—",
		bench: "PeakRSSPhoto1MiB", unit: "MiB-peak-over-idle", format: "idle + %.1f MiB", info: true},
	{job: "100 commands (1 MiB photos) written while stopped, all answered after start", target: "≤ 3 s",
		bench: "Backlog100", unit: "s/100cmds", limit: 3, format: "%.2f s"},
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
