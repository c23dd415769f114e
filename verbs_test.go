package main

import (
	"io"
	"strings"
	"testing"

	"github.com/go-faster/errors"
)

func TestParseWithFile(t *testing.T) {
	tests := []struct {
		args         []string
		file, config string
		err          string // "help" for errHelpShown
	}{
		{args: []string{"copy.db"}, file: "copy.db"},
		{args: []string{"copy.db", "-config", "c.toml"}, file: "copy.db", config: "c.toml"},
		{args: []string{"-config", "c.toml", "copy.db"}, file: "copy.db", config: "c.toml"},
		{args: []string{"-h"}, err: "help"},
		{args: []string{"help"}, err: "help"},
		{args: []string{"copy.db", "-h"}, err: "help"},
		{args: nil, err: "which file?"},
		{args: []string{"-config", "c.toml"}, err: "which file?"},
		{args: []string{"a.db", "b.db"}, err: `unexpected argument "b.db"`},
		{args: []string{"a.db", "-config"}, err: "flag needs an argument"},
	}
	for _, tt := range tests {
		var config string
		fs := verbBackup.flags()
		configFlag(fs, &config)
		file, err := parseWithFile(verbBackup, fs, tt.args, io.Discard)
		switch {
		case tt.err == "help":
			if !errors.Is(err, errHelpShown) {
				t.Errorf("%q: %v, want the usage shown", tt.args, err)
			}
		case tt.err != "":
			var bad *usageError
			if !errors.As(err, &bad) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: %v, want a usage error with %q", tt.args, err, tt.err)
			}
		case err != nil || file != tt.file || config != tt.config:
			t.Errorf("%q: file %q config %q, %v; want %q, %q", tt.args, file, config, err, tt.file, tt.config)
		}
	}
}

func FuzzParseWithFile(f *testing.F) {
	f.Add("copy.db -config c.toml")
	f.Add("-h")
	f.Add("-config")
	f.Fuzz(func(t *testing.T, line string) {
		var config string
		fs := verbBackup.flags()
		configFlag(fs, &config)
		file, err := parseWithFile(verbBackup, fs, strings.Fields(line), io.Discard)
		if err == nil && file == "" {
			t.Fatalf("%q: no error and no file", line)
		}
	})
}
