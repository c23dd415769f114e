package daemon

import (
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/go-faster/errors"
)

// startProfiles writes a CPU profile of the whole run to $PERSONA_CPUPROFILE
// and a heap profile at exit to $PERSONA_MEMPROFILE, for finding where the
// benchmark's time and memory go. Testing knobs, not part of the interface.
func startProfiles() (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, f := range stops {
			f()
		}
	}
	if path := os.Getenv("PERSONA_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, errors.Wrap(err, "PERSONA_CPUPROFILE")
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			_ = f.Close()
			return nil, errors.Wrap(err, "PERSONA_CPUPROFILE")
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); _ = f.Close() })
	}
	if path := os.Getenv("PERSONA_MEMPROFILE"); path != "" {
		stops = append(stops, func() {
			if f, err := os.Create(path); err == nil {
				runtime.GC()
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				_ = f.Close()
			}
		})
	}
	return stop, nil
}
