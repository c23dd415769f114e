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
	case doProfile:
		p.changeProfile(w, l, n)
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

// changeProfile makes a cast member change their own profile photo as
// their app would: Dana's sessions get updateUser if they are her contact.
func (p *Playground) changeProfile(w io.Writer, l line, n int) {
	u, ok := p.cast.byUsername(l.who)
	if !ok {
		fmt.Fprintf(w, "not changed: no @%s here; try @alice or @bob\n", l.who)
		return
	}
	switch l.change {
	case "sets photo":
		e := p.emu.SetProfilePhoto(u.ID, emulator.JPEG(640, 640, 2000+n))
		fmt.Fprintf(w, "@%s set a new profile photo (id %d)\n", l.who, e.ID)
	case "sets video":
		e := p.emu.SetProfileVideo(u.ID, emulator.MP4(640, 640, 3, 2000+n), emulator.JPEG(640, 640, 2000+n), 0)
		fmt.Fprintf(w, "@%s set a new profile video (id %d)\n", l.who, e.ID)
	case "removes photo":
		photos := p.emu.ProfilePhotos(u.ID)
		if len(photos) == 0 {
			fmt.Fprintf(w, "not changed: @%s has no profile photo\n", l.who)
			return
		}
		p.emu.DeleteProfilePhoto(u.ID, photos[0].ID)
		fmt.Fprintf(w, "@%s removed their profile photo (id %d)\n", l.who, photos[0].ID)
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
