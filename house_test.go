package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Function length limits, from the house style (DEVELOPERS.md, "Checks"): a
// function that does not fit on a screen does more than one thing. Tests
// get more room, for their tables.
const (
	maxFuncLines     = 60
	maxTestFuncLines = 100
)

// TestFunctionLength keeps every function of the repository within the
// house limits, so that the rule holds without anyone counting by hand.
func TestFunctionLength(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		limit := maxFuncLines
		if strings.HasSuffix(path, "_test.go") {
			limit = maxTestFuncLines
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			if lines > limit {
				t.Errorf("%s: %s is %d lines; the limit is %d: split it by job", fset.Position(fn.Pos()), fn.Name.Name, lines, limit)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
