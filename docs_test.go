package main

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Citations rot when a document is renamed or a section moves, and numbers
// rot first: a comment cites a document of the repository by its path and a
// section by its heading, `(docs/ARCHITECTURE.md, "Buckets are made up
// front")`, and these tests hold every such citation to the documents as
// they are.
var (
	// sectionCite is a document, then a quoted section: `DOC, "Section"`
	// or `DOC ("Section")`.
	sectionCite = regexp.MustCompile(`((?:[\w-]+/)*[\w-]+\.md|README)\s*[,(]\s*"([^"]+)"`)
	// docName is any file name ending in .md, with its folders.
	docName = regexp.MustCompile(`(?:[\w.-]+/)*[\w-]+\.md\b`)
	// numberedPitfall is how comments cited rules before they had names.
	numberedPitfall = regexp.MustCompile(`(?i)\bpitfalls?\s+\d+`)
)

// TestDocsCitations: every section a Go comment or a document cites is a
// heading of the document it names, every .md file named is in the
// repository, and no rule is cited by number.
func TestDocsCitations(t *testing.T) {
	eachText(t, func(where, dir, text string) {
		for _, m := range sectionCite.FindAllStringSubmatch(text, -1) {
			doc, section := m[1], m[2]
			path, ok := findDoc(doc, dir)
			if !ok {
				t.Errorf("%s: cites %s, which is not in the repository", where, doc)
				continue
			}
			if headings(t, path)[section] == 0 {
				t.Errorf("%s: cites %s, %q, which is no heading there", where, doc, section)
			}
		}
		for _, name := range docName.FindAllString(text, -1) {
			if isURL(name) {
				continue
			}
			if _, ok := findDoc(name, dir); !ok {
				t.Errorf("%s: names %s, which is not in the repository", where, name)
			}
		}
		if n := numberedPitfall.FindString(text); n != "" {
			t.Errorf("%s: cites %q by number; cite docs/ARCHITECTURE.md's section by its name", where, n)
		}
	})
}

// TestDocsHeadingsUnique: a section of docs/ARCHITECTURE.md is cited by its
// heading, so no two headings may read alike.
func TestDocsHeadingsUnique(t *testing.T) {
	for h, n := range headings(t, "docs/ARCHITECTURE.md") {
		if n > 1 {
			t.Errorf("docs/ARCHITECTURE.md has %d headings %q: a citation of it would be ambiguous", n, h)
		}
	}
}

// eachText calls f with every comment of the repository's Go files (a
// comment group as one line, so a citation may wrap) and every Markdown
// file, with where it is and the folder it is in.
func eachText(t *testing.T, f func(where, dir, text string)) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		switch {
		case strings.HasSuffix(path, ".md"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			f(path, filepath.Dir(path), oneLine(string(b)))
		case strings.HasSuffix(path, ".go"):
			file, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			for _, c := range file.Comments {
				f(fset.Position(c.Pos()).String(), filepath.Dir(path), oneLine(c.Text()))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// oneLine joins wrapped lines, so a citation split across them reads whole.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// findDoc finds a document as cited: from the repository's root, or beside
// the file that cites it. "README" is the repository's README.md.
func findDoc(name, dir string) (string, bool) {
	if name == "README" {
		name = "README.md"
	}
	for _, path := range []string{name, filepath.Join(dir, name)} {
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			return path, true
		}
	}
	return "", false
}

// isURL tells a web page's path (core.telegram.org/api/x.md) from a file's:
// its first element is a host name.
func isURL(name string) bool {
	first, _, nested := strings.Cut(name, "/")
	return nested && strings.Contains(first, ".")
}

// headings counts the headings of a Markdown file by their text, without
// the #s and inline formatting; lines in code blocks are none.
func headings(t *testing.T, path string) map[string]int {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	found := map[string]int{}
	inCode := false
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		found[strings.NewReplacer("`", "", "*", "").Replace(text)]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return found
}
