package logging_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"persona/internal/logging"
)

// A log file that logrotate can move away: on SIGHUP, WatchHUP calls
// Reopen, and the next line goes to a fresh file at the same path.
func Example() {
	dir, err := os.MkdirTemp("", "persona-log-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "persona.log")

	lg, err := logging.New("info", "", path, os.Stderr)
	if err != nil {
		panic(err)
	}
	defer lg.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go logging.WatchHUP(ctx, lg.Reopen, lg.Logger)
	lg.Info("started")

	// logrotate moves the file away, then sends SIGHUP, which calls Reopen.
	if err := os.Rename(path, path+".1"); err != nil {
		panic(err)
	}
	if err := lg.Reopen(); err != nil {
		panic(err)
	}
	lg.Info("rotated")

	fmt.Println("persona.log.1:", messages(path+".1"))
	fmt.Println("persona.log:", messages(path))
	// Output:
	// persona.log.1: [started]
	// persona.log: [rotated]
}

// messages are the "msg" of each JSON line of the log file at path.
func messages(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out []string
	for s := bufio.NewScanner(f); s.Scan(); {
		var line struct{ Msg string }
		if err := json.Unmarshal(s.Bytes(), &line); err != nil {
			panic(err)
		}
		out = append(out, line.Msg)
	}
	return out
}
