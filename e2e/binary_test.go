package e2e_test

import (
	"debug/elf"
	"strings"
	"testing"
)

// TestBinaryLinksNoTLConstructorTable: the emulator's verbs share the
// daemon's binary, and gotd's table of every TL constructor
// (tg.TypesConstructorMap) would link the code of all of gotd's TL types
// into it, 15 MB of the 44 the binary weighed with it. The emulator makes
// each request from its own method's entry instead (emulator/dispatch.go).
func TestBinaryLinksNoTLConstructorTable(t *testing.T) {
	f, err := elf.Open(binary)
	if err != nil {
		t.Skipf("not an ELF binary: %v", err)
	}
	defer func() { _ = f.Close() }()
	symbols, err := f.Symbols()
	if err != nil {
		t.Skipf("no symbol table: %v", err)
	}
	for _, s := range symbols {
		if strings.HasPrefix(s.Name, "github.com/gotd/td/tg.TypesConstructorMap") {
			t.Fatalf("the binary links %s", s.Name)
		}
	}
}
