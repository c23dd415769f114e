// Package pageout hands the pages of the daemon's own binary back to the
// kernel once start-up is over.
//
// A Go binary is mapped from its file, and the kernel maps pages 64 KiB
// at a time around each one touched (fault-around). Start-up touches code
// and tables all over the binary: the config and TOML, bbolt's open, the
// session's restore, logging's set-up. That leaves about 16 MiB of the
// binary resident in a daemon whose idle work needs less than 5. Telling
// the kernel to page those out (madvise MADV_PAGEOUT, Linux 5.4) unmaps
// them and frees the page cache behind them; the pages the daemon goes on
// using fault back in at once, from the page cache or the disk. Pages that
// another process maps too (a second daemon or `persona emulator` run from
// the same file) are left alone by the kernel.
package pageout

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrUnsupported: the system has no way to page a mapping out.
var ErrUnsupported = errors.New("paging out is not supported on this system")

// mapping is one line of /proc/self/maps (proc(5)).
type mapping struct {
	start, end uint64
	perms      string
	path       string
}

// readOnlyMappingsOf returns the mappings of path that are not writable:
// its code and read-only data. Writable ones hold the program's variables
// and pages the dynamic linker changed, which paging out would only move
// to swap.
func readOnlyMappingsOf(maps io.Reader, path string) ([]mapping, error) {
	var out []mapping
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		m, ok := parseMapping(sc.Text())
		if ok && m.path == path && !strings.Contains(m.perms, "w") {
			out = append(out, m)
		}
	}
	return out, sc.Err()
}

// parseMapping parses "00400000-00452000 r-xp 00000000 08:02 173521 /usr/bin/x".
func parseMapping(line string) (mapping, bool) {
	f := strings.Fields(line)
	if len(f) < 6 {
		return mapping{}, false
	}
	lo, hi, ok := strings.Cut(f[0], "-")
	if !ok {
		return mapping{}, false
	}
	start, err1 := strconv.ParseUint(lo, 16, 64)
	end, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || end <= start {
		return mapping{}, false
	}
	// A path may hold spaces; it is everything after the fifth field.
	path := strings.Join(f[5:], " ")
	return mapping{start: start, end: end, perms: f[1], path: path}, true
}

// StatusKiB reads one "Name:   123 kB" line of a /proc/PID/status: the
// daemon reads its own, the e2e tests the daemon's.
func StatusKiB(status []byte, name string) (int64, error) {
	for line := range bytes.Lines(status) {
		key, value, ok := strings.Cut(string(line), ":")
		if !ok || key != name {
			continue
		}
		num, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
		if unit != "kB" {
			return 0, fmt.Errorf("%s in %q, want kB", name, unit)
		}
		return strconv.ParseInt(num, 10, 64)
	}
	return 0, fmt.Errorf("no %s line", name)
}
