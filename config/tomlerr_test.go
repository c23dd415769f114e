package config

import (
	"regexp"
	"testing"
)

// The patterns compile on first use, so a bad one would only show on the
// error path that needs it; this compiles each.
func TestTOMLPatternsCompile(t *testing.T) {
	for _, pattern := range []func() *regexp.Regexp{tomlHead, badType, notTable, quoted, numbers, duplicate} {
		if pattern() == nil {
			t.Error("a pattern did not compile")
		}
	}
}
