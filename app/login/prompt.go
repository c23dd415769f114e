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

// Prompter asks on the terminal, hiding secrets; when standard input is not
// a terminal it reads one line per answer, so login can be scripted.
type Prompter struct {
	in  *bufio.Reader
	tty *os.File
	out io.Writer
}

func NewPrompter(stdin io.Reader, stderr io.Writer) *Prompter {
	p := &Prompter{in: bufio.NewReader(stdin), out: stderr}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = f
	}
	return p
}

// Ask returns the answer, or the cause of ctx once it is done (Ctrl-C):
// a read cannot be interrupted, so it goes on in the background and the
// process exits without it.
func (p *Prompter) Ask(ctx context.Context, question string, secret bool) (string, error) {
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

func (p *Prompter) read(question string, secret bool) (string, error) {
	if p.tty != nil && secret {
		b, err := term.ReadPassword(int(p.tty.Fd()))
		fmt.Fprintln(p.out)
		return string(b), err
	}
	line, err := p.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", noAnswer{strings.TrimSpace(strings.TrimSuffix(question, ": "))}
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Tell shows why a question is asked again, on a terminal or not.
func (p *Prompter) Tell(msg string) {
	fmt.Fprintln(p.out, msg)
}

// Terminal reports whether the answers come from a terminal, where a bad
// answer can be asked again.
func (p *Prompter) Terminal() bool { return p.tty != nil }

// ErrNoAnswer: standard input ended before the answer (errors.Is).
var ErrNoAnswer = errors.New("no answer on standard input")

type noAnswer struct{ question string }

func (e noAnswer) Error() string        { return fmt.Sprintf("no answer to %q on standard input", e.question) }
func (e noAnswer) Is(target error) bool { return target == ErrNoAnswer }
