package login

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

// Ask returns the answer, or the cause of ctx once it is done (Ctrl-C):
// a read cannot be interrupted, so it goes on in the background and the
// process exits without it.
func (p *prompter) Ask(ctx context.Context, question string, secret bool) (string, error) {
	if p.tty != nil {
		fmt.Fprint(p.out, question)
	}
	restore := func() {}
	if p.tty != nil && secret {
		// ReadPassword turns echo off and, abandoned, would not turn it on.
		if st, err := term.GetState(int(p.tty.Fd())); err == nil {
			restore = func() { _ = term.Restore(int(p.tty.Fd()), st) }
		}
	}
	type answer struct {
		s   string
		err error
	}
	done := make(chan answer, 1)
	go func() {
		s, err := p.read(question, secret)
		done <- answer{s, err}
	}()
	select {
	case a := <-done:
		return a.s, a.err
	case <-ctx.Done():
		restore()
		if p.tty != nil {
			fmt.Fprintln(p.out) // the shell's prompt starts on a line of its own
		}
		return "", context.Cause(ctx)
	}
}

func (p *prompter) read(question string, secret bool) (string, error) {
	if p.tty != nil && secret {
		b, err := term.ReadPassword(int(p.tty.Fd()))
		fmt.Fprintln(p.out)
		return string(b), err
	}
	line, err := p.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", errors.Errorf("no answer to %q on standard input", strings.TrimSpace(strings.TrimSuffix(question, ": ")))
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Tell shows why a question is asked again, on a terminal or not.
func (p *prompter) Tell(msg string) {
	fmt.Fprintln(p.out, msg)
}
