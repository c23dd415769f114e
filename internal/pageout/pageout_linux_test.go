package pageout

import (
	"errors"
	"os"
	"runtime"
	"testing"
)

// TestExecutable: the test binary's own pages go out of its resident set,
// and the program runs on, faulting back in what it uses.
func TestExecutable(t *testing.T) {
	before, err := residentFileKiB()
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	released, err := Executable()
	if errors.Is(err, ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if released <= 0 {
		t.Fatalf("released %d bytes of %d KiB resident", released, before)
	}
	// Code and data of every kind are still there after the page-out.
	runtime.GC()
	if _, err := os.ReadFile("/proc/self/status"); err != nil {
		t.Fatal(err)
	}
	t.Logf("released %d KiB of %d KiB", released>>10, before)
}
