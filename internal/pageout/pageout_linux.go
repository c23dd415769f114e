package pageout

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// Executable pages out the read-only mappings of the running binary and
// returns how much its resident file pages (RssFile) shrank, in bytes.
// Nothing is lost: a page used again is read back in.
func Executable() (int64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	maps, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, err
	}
	defer maps.Close()
	ms, err := readOnlyMappingsOf(maps, exe)
	if err != nil {
		return 0, err
	}
	if len(ms) == 0 {
		return 0, fmt.Errorf("no mapping of %s in /proc/self/maps", exe)
	}
	before, err := residentFileKiB()
	if err != nil {
		return 0, err
	}
	for _, m := range ms {
		// The raw call: x/sys's Madvise takes a []byte, and these ranges
		// are not Go memory.
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(m.start), uintptr(m.end-m.start), unix.MADV_PAGEOUT)
		if errno == unix.EINVAL {
			return 0, ErrUnsupported // before Linux 5.4
		}
		if errno != 0 {
			return 0, fmt.Errorf("madvise %x-%x: %w", m.start, m.end, errno)
		}
	}
	after, err := residentFileKiB()
	if err != nil {
		return 0, err
	}
	return (before - after) << 10, nil
}

func residentFileKiB() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	return StatusKiB(status, "RssFile")
}
