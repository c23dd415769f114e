package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/go-faster/errors"
	"golang.org/x/term"
)

// prompter asks on the terminal, hiding secrets; when standard input is not
// a terminal it reads one line per answer, so login can be scripted.
type prompter struct {
	in  *bufio.Reader
	tty *os.File
	out io.Writer
}

func newPrompter(stdin io.Reader, stderr io.Writer) *prompter {
	p := &prompter{in: bufio.NewReader(stdin), out: stderr}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = f
	}
	return p
}

func (p *prompter) Ask(_ context.Context, question string, secret bool) (string, error) {
	if p.tty != nil {
		fmt.Fprint(p.out, question)
		if secret {
			b, err := term.ReadPassword(int(p.tty.Fd()))
			fmt.Fprintln(p.out)
			return string(b), err
		}
	}
	line, err := p.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", errors.Errorf("no answer to %q on standard input", strings.TrimSpace(strings.TrimSuffix(question, ": ")))
	}
	return strings.TrimRight(line, "\r\n"), nil
}
