package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sample is `go test -bench` output as the e2e benchmarks print it, with
// the noise a run can carry: a failure's log, a sub-benchmark, no -N suffix.
const sample = `goos: linux
goarch: amd64
pkg: persona/e2e
cpu: Intel(R) Xeon(R) Processor @ 2.50GHz
BenchmarkBacklog100-2          	       1	        41.21 s/100cmds
BenchmarkCallsPerSetphoto-2    	       1	         0 rpcs-other	        12.00 rpcs/job
BenchmarkIdleRSS-2             	       1	        18.20 MiB-idle
BenchmarkPeakRSSVideo-2        	       1	        18.28 MiB-idle	        12.43 MiB-peak-over-idle
BenchmarkVideoProfile-2        	       1	         3.164 rtt/job
BenchmarkPhoto1MiB-2           	       1	       130.7 ms/job
BenchmarkTextReset-2           	       1	         8.703 ms/job
BenchmarkTextList-2            	       1	        11.78 ms/job
BenchmarkVideoProfile-2        	       1	         3.010 rtt/job
BenchmarkPhoto1MiB-2           	       3	        40.5 ms/job
--- FAIL: BenchmarkTextReset-2
    bench_test.go:80: "/reset @alice" got "❌ no personal photo set for @alice"
        daemon log:
        {"level":"info","msg":"Ready"}
BenchmarkTextList              	       1	        9.5 ms/job
BenchmarkSub/case-4-2          	       1	         7 ms/job
Benchmark-looking line without numbers
BenchmarkBroken-2 	 x 	 1 ms/job
BenchmarkOdd-2 	 1 	 1 ms/job 	 2
FAIL
exit status 1
FAIL	persona/e2e	90.057s
`

func TestParse(t *testing.T) {
	got, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := results{
		"Backlog100":       {"s/100cmds": {41.21}},
		"CallsPerSetphoto": {"rpcs-other": {0}, "rpcs/job": {12}},
		"IdleRSS":          {"MiB-idle": {18.2}},
		"PeakRSSVideo":     {"MiB-idle": {18.28}, "MiB-peak-over-idle": {12.43}},
		"VideoProfile":     {"rtt/job": {3.164, 3.010}},
		"Photo1MiB":        {"ms/job": {130.7, 40.5}},
		"TextReset":        {"ms/job": {8.703}},
		"TextList":         {"ms/job": {11.78, 9.5}},
		"Sub/case-4":       {"ms/job": {7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("parse:\n got %v\nwant %v", got, want)
	}
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		line    string
		name    string
		metrics map[string]float64
		ok      bool
	}{
		{"BenchmarkVideoProfile-2 \t 5 \t 2.5 rtt/job", "VideoProfile", map[string]float64{"rtt/job": 2.5}, true},
		{"BenchmarkVideoProfile-16 \t 5 \t 1 ns/op \t 2.5 rtt/job", "VideoProfile", map[string]float64{"ns/op": 1, "rtt/job": 2.5}, true},
		{"BenchmarkIdleRSS \t 1 \t 1.5e+01 MiB-idle", "IdleRSS", map[string]float64{"MiB-idle": 15}, true},
		{"BenchmarkA-b-2 \t 1 \t 3 s/100cmds", "A-b", map[string]float64{"s/100cmds": 3}, true},
		{"BenchmarkIdleRSS-2 \t 1", "", nil, false},
		{"--- FAIL: BenchmarkTextReset-2", "", nil, false},
		{"ok  \tpersona/e2e\t90.057s", "", nil, false},
		{"BenchmarkX-2 \t 1 \t fast ms/job", "", nil, false},
		{"", "", nil, false},
	}
	for _, tt := range tests {
		name, metrics, ok := parseLine(tt.line)
		if name != tt.name || ok != tt.ok || !reflect.DeepEqual(metrics, tt.metrics) {
			t.Errorf("parseLine(%q) = %q, %v, %v; want %q, %v, %v", tt.line, name, metrics, ok, tt.name, tt.metrics, tt.ok)
		}
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		in   []float64
		want stats
	}{
		{nil, stats{}},
		{[]float64{3}, stats{n: 1, median: 3, min: 3, max: 3}},
		{[]float64{5, 1, 3}, stats{n: 3, median: 3, min: 1, max: 5}},
		{[]float64{4, 1, 2, 10}, stats{n: 4, median: 3, min: 1, max: 10}},
	}
	for _, tt := range tests {
		if got := summarize(tt.in); got != tt.want {
			t.Errorf("summarize(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if render(&out, res) {
		t.Error("render says every target is met; the sample misses several")
	}
	for _, want := range []string{
		"| job | target | median | min | max | ok? |",
		"| largest profile video (1.9 MB, 800×800, 5 s): command pushed → `uploadContactProfilePhoto` | ≤ 2.5 RTT | 3.09 RTT | 3.01 RTT | 3.16 RTT | **no** |",
		"| idle memory (RSS) after start | ≤ 12 MiB | 18.2 MiB | 18.2 MiB | 18.2 MiB | **no** |",
		"| peak memory during the 1.9 MB video job | ≤ idle + 4 MiB | idle + 12.4 MiB |",
		"| 0 | 0 | 0 | 0 | yes |",
		"| — | 12 | 12 | 12 | — |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, &out)
		}
	}
	if !render(&bytes.Buffer{}, results{}) {
		t.Error("an empty run misses no target")
	}
	if strings.Count(out.String(), "\n") != len(rows)+2 {
		t.Errorf("want a header, a rule and %d rows:\n%s", len(rows), &out)
	}
}

func TestDescribe(t *testing.T) {
	m := machineInfo{goos: "linux", goarch: "amd64", cpus: 2, model: "Xeon", goVersion: "go1.26.8"}
	got := describe(m, options{runs: 5, jobs: 3, rtt: 50 * time.Millisecond}, time.Date(2026, 11, 22, 3, 4, 0, 0, time.UTC))
	for _, want := range []string{"2026-11-22 03:04 UTC", "linux/amd64", "2 CPUs (Xeon)", "go1.26.8", "5 times", "3 jobs (their median)", "50ms late"} {
		if !strings.Contains(got, want) {
			t.Errorf("description lacks %q: %s", want, got)
		}
	}
}

func TestCPUModel(t *testing.T) {
	tests := []struct{ cpuinfo, want string }{
		{"processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor @ 2.50GHz\nprocessor\t: 1\nmodel name\t: other\n", "Intel(R) Xeon(R) Processor @ 2.50GHz"},
		{"processor\t: 0\nBogoMIPS\t: 108.00\n\nHardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n", "Raspberry Pi 4 Model B Rev 1.4"},
		{"processor\t: 0\n", "unknown CPU"},
	}
	for _, tt := range tests {
		if got := cpuModelFrom([]byte(tt.cpuinfo)); got != tt.want {
			t.Errorf("cpuModelFrom(...) = %q, want %q", got, tt.want)
		}
	}
}
