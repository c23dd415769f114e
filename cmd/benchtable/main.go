// Command benchtable runs Persona's benchmarks (e2e/bench*_test.go: the
// real binary against the emulator) and prints issue #6's table: the
// median, minimum and maximum over n runs of each, against its target,
// and the machine they ran on.
//
//	go run ./cmd/benchtable [-n 5] [-k 1] [-rtt 50ms] [-bench regexp]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

type options struct {
	runs, jobs int
	bench      string
	timeout    time.Duration
	rtt        time.Duration
}

func run(args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.runs, "n", 5, "runs of each benchmark (go test -count)")
	fs.IntVar(&o.jobs, "k", 1, "jobs per run (go test -benchtime=Kx); a run reports their median")
	fs.StringVar(&o.bench, "bench", ".", "the benchmarks to run (go test -bench)")
	fs.DurationVar(&o.rtt, "rtt", 50*time.Millisecond, "the emulator's round trip for the latency rows, which are in RTTs")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Hour, "limit for the whole go test run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.runs < 1 || o.jobs < 1 || o.rtt <= 0 || fs.NArg() > 0 {
		return errors.New("usage: benchtable [-n runs] [-k jobs] [-rtt d] [-bench regexp] [-timeout d]")
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	goArgs := testArgs(o)
	fmt.Fprintf(stderr, "benchtable: go %s (in %s)\n", strings.Join(goArgs, " "), root)
	// The output goes to stderr as it comes, so a long run shows progress.
	var out bytes.Buffer
	cmd := exec.Command("go", goArgs...)
	cmd.Dir = root
	// The benchmarks read the RTT from their environment (e2e/bench_test.go).
	cmd.Env = append(os.Environ(), "PERSONA_BENCH_RTT="+o.rtt.String())
	cmd.Stdout = io.MultiWriter(&out, stderr)
	cmd.Stderr = stderr
	testErr := cmd.Run()
	res, err := parse(&out)
	if err != nil {
		return fmt.Errorf("read go test output: %w", err)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "%s\n\n", describe(machine(), o, time.Now()))
	if !render(stdout, res) {
		fmt.Fprintln(stdout, "\nSome targets are missed (ok? no).")
	}
	if testErr != nil {
		return fmt.Errorf("go %s: %w", strings.Join(goArgs, " "), testErr)
	}
	return nil
}

func testArgs(o options) []string {
	return []string{
		"test", "-run=^$", "-bench=" + o.bench,
		fmt.Sprintf("-benchtime=%dx", o.jobs), fmt.Sprintf("-count=%d", o.runs),
		"-timeout=" + o.timeout.String(), "./e2e",
	}
}

// moduleRoot is the folder of the go.mod that `go env GOMOD` finds from
// here, so the command works from anywhere inside the module.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside a Go module: run it from the persona checkout")
	}
	return filepath.Dir(mod), nil
}

func describe(m machineInfo, o options, now time.Time) string {
	jobs := "1 job"
	if o.jobs > 1 {
		jobs = fmt.Sprintf("%d jobs (their median)", o.jobs)
	}
	return fmt.Sprintf("Persona benchmarks, %s, on %s/%s, %d CPUs (%s), %s.\n"+
		"Each benchmark ran %d times, each run %s, the daemon a child process against the emulator on loopback, "+
		"its answers %s late for the rows in RTTs; median, min and max over the runs.",
		now.Format("2006-01-02 15:04 MST"), m.goos, m.goarch, m.cpus, m.model, m.goVersion, o.runs, jobs, o.rtt)
}
