package main

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"strings"
)

// machineInfo is what a reader needs to compare figures between machines.
type machineInfo struct {
	goos, goarch string
	cpus         int // usable by this process, as nproc counts them
	model        string
	goVersion    string
}

func machine() machineInfo {
	return machineInfo{
		goos: runtime.GOOS, goarch: runtime.GOARCH, cpus: runtime.NumCPU(),
		model: cpuModel(), goVersion: runtime.Version(),
	}
}

// cpuModel reads the processor's name from /proc/cpuinfo: "model name" on
// x86, "Model" or "Hardware" on ARM boards.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	return cpuModelFrom(data)
}

func cpuModelFrom(cpuinfo []byte) string {
	found := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(cpuinfo))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if ok && v != "" && found[k] == "" {
			found[k] = v
		}
	}
	for _, k := range []string{"model name", "Model", "Hardware", "cpu model"} {
		if v := found[k]; v != "" {
			return v
		}
	}
	return "unknown CPU"
}
