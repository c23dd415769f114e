// Package playground is `persona emulator`: the emulator with a small cast
// (an account, two contacts, a stranger), driven by lines typed at a
// terminal. Each line posts a message into the account's Saved Messages, as
// a Telegram app would, or approves a QR login as the phone would; whatever
// else appears in Saved Messages, Persona's replies, is printed back.
package playground

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gotd/td/telegram/auth/qrlogin"

	"persona/emulator"
)

// Playground is the emulator with the playground's cast in it.
type Playground struct {
	emu  *emulator.Emulator
	cast cast
}

// New adds the cast to emu.
func New(emu *emulator.Emulator) *Playground {
	return &Playground{emu: emu, cast: newCast(emu)}
}

// Introduce prints who is who and what to type.
func (p *Playground) Introduce(w io.Writer) {
	p.cast.introduce(w)
	fmt.Fprintln(w)
	fmt.Fprint(w, help)
}

// Run carries out the lines read from in and prints what they did, and
// what appears in Saved Messages, to out, until ctx ends. When in is
// exhausted it goes on printing.
func (p *Playground) Run(ctx context.Context, in io.Reader, out io.Writer) error {
	lines := readLines(ctx, in)
	seen := newShown()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for n := 0; ; {
		select {
		case <-ctx.Done():
			return nil
		case s, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			n++
			p.do(out, s, n, seen)
		case <-tick.C:
			seen.show(out, p.emu.SavedMessages(p.cast.me.ID))
		}
	}
}

// readLines sends each line of in until it ends or ctx does.
func readLines(ctx context.Context, in io.Reader) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return lines
}

// do carries out one typed line, the n-th.
func (p *Playground) do(w io.Writer, s string, n int, seen *shown) {
	if strings.TrimSpace(s) == "" {
		return
	}
	l, err := parse(s)
	if err != nil {
		fmt.Fprintln(w, "not posted:", err)
		return
	}
	switch l.do {
	case doHelp:
		fmt.Fprint(w, help)
	case doQR:
		p.approve(w, l.token)
	case doEdit:
		if err := p.emu.Edit(p.cast.me.ID, l.edit, l.text); err != nil {
			fmt.Fprintln(w, "not edited:", err)
			return
		}
		fmt.Fprintf(w, "#%d edited\n", l.edit)
	default:
		id, err := p.emu.Post(p.cast.me.ID, p.cast.message(l, n))
		if err != nil {
			fmt.Fprintln(w, "not posted:", err)
			return
		}
		seen.posted[id] = true
		fmt.Fprintf(w, "#%d posted\n", id)
	}
}

// approve accepts a QR login token for the account, as the phone does when
// it scans the code: the given one, or else the newest one waiting.
func (p *Playground) approve(w io.Writer, token []byte) {
	if token == nil {
		t, ok := p.emu.PendingLoginToken()
		if !ok {
			fmt.Fprintln(w, `no QR login is waiting: run "persona login -qr" first`)
			return
		}
		token = t
	}
	if _, err := p.emu.ApproveLoginToken(token, p.cast.me.ID); err != nil {
		fmt.Fprintln(w, "QR login not approved:", err)
		return
	}
	fmt.Fprintf(w, "approved the QR login %s for %s\n", qrlogin.NewToken(token, 0).URL(), p.cast.me.FirstName)
}
