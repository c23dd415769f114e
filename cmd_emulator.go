package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// emulatorHelp tells a person at the emulator's terminal what to type.
const emulatorHelp = `Type a line to post it into the account's Saved Messages, as if written in a Telegram app:
  /setphoto @alice           a text message
  photo /setphoto @alice     a generated photo with that caption
  video /setphoto @bob       a generated 5 s square MP4 video with that caption
Messages that appear in Saved Messages from elsewhere (Persona's replies) are printed here.
`

// emulatorCmd runs the emulator standalone with a demo world, for trying
// Persona by hand: it prints the config section to point a daemon at it,
// posts the lines typed on standard input into Saved Messages, and shows
// what Persona answers there.
func emulatorCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("persona emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:10443", "where to listen (loopback only); port 0 picks a free one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return errors.Errorf("-addr %q: the emulator only listens on loopback, e.g. 127.0.0.1:10443", *addr)
	}
	emu, err := emulator.Start(emulator.Options{Addr: *addr})
	if err != nil {
		return err
	}
	defer func() { _ = emu.Close() }()
	me := emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Dana", Username: "dana", Phone: "+15550000001"}})
	for _, name := range []string{"alice", "bob"} {
		u := emu.AddUser(emulator.UserSpec{FirstName: name, Username: name})
		emu.AddContact(me.ID, u.ID)
	}
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	section, err := emu.WriteServerConfig(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Telegram emulator on %s (wrote %s)\n\n%s\n", emu.Addr(), filepath.Join(dir, "server.pem"), section)
	fmt.Fprintf(stdout, "Account: phone +15550000001, login code 12345; contacts @alice and @bob.\n%sStop with Ctrl-C.\n", emulatorHelp)

	posted := map[int]bool{}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	seen := map[int]int{} // message id → edit date shown
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for n := 0; ; {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				lines = nil // standard input closed: keep serving
				continue
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			n++
			id, err := emu.Post(me.ID, typedMessage(line, n))
			if err != nil {
				fmt.Fprintln(stdout, "could not post:", err)
				continue
			}
			posted[id] = true
		case <-tick.C:
			showNew(stdout, emu.SavedMessages(me.ID), posted, seen)
		}
	}
}

// typedMessage turns a typed line into a message: "photo …" and "video …"
// attach generated media (each one different) with the rest as caption.
func typedMessage(line string, n int) emulator.Message {
	kind, caption, _ := strings.Cut(line, " ")
	switch kind {
	case "photo":
		return emulator.Message{Text: caption, Media: emulator.Photo(emulator.JPEG(640, 640, 1000+n))}
	case "video":
		return emulator.Message{Text: caption, Media: emulator.Video(emulator.MP4(640, 640, 5, 1000+n), 640, 640, 5)}
	}
	return emulator.Message{Text: line}
}

// showNew prints Saved Messages that were not typed here, and their edits.
func showNew(w io.Writer, msgs []tg.MessageClass, posted map[int]bool, seen map[int]int) {
	for _, m := range msgs {
		msg, ok := m.(*tg.Message)
		if !ok || posted[msg.ID] {
			continue
		}
		if last, ok := seen[msg.ID]; ok && last == msg.EditDate {
			continue
		}
		seen[msg.ID] = msg.EditDate
		fmt.Fprintf(w, "saved messages › %s\n", strings.ReplaceAll(msg.Message, "\n", "\n                 "))
	}
}
