package main

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// results holds every value of every metric, by benchmark and unit:
// results["Video10MiB"]["ms/job"] has one value per -count run.
type results map[string]map[string][]float64

// parse reads `go test -bench` output. A result line is the benchmark's
// name with its GOMAXPROCS suffix, the iterations, then value-unit pairs:
//
//	BenchmarkVideo10MiB-2   	       5	       123.4 ms/job
//
// Everything else (logs, PASS, ok) is skipped.
func parse(r io.Reader) (results, error) {
	out := results{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024) // daemon logs in failures are long
	for sc.Scan() {
		name, metrics, ok := parseLine(sc.Text())
		if !ok {
			continue
		}
		if out[name] == nil {
			out[name] = map[string][]float64{}
		}
		for unit, v := range metrics {
			out[name][unit] = append(out[name][unit], v)
		}
	}
	return out, sc.Err()
}

func parseLine(line string) (name string, metrics map[string]float64, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", nil, false
	}
	if _, err := strconv.Atoi(f[1]); err != nil {
		return "", nil, false
	}
	name = strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	metrics = map[string]float64{}
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", nil, false
		}
		metrics[f[i+1]] = v
	}
	return name, metrics, true
}
