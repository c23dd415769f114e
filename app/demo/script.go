package demo

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// step is one message the demo writes, as the user would from a phone.
type step struct {
	note string
	msg  func(w *world, prev int) emulator.Message
}

// followUps play what follows the reply to a step's command, such as a
// contact acting in their own app.
var followUps = map[string]func(ctx context.Context, w *world, out io.Writer) error{
	"/watch @bob": bobChangesPhoto,
}

var script = []step{
	{"set a photo for Alice (a photo a friend sent: it lives on DC 4, not the account's DC 2)", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(emulator.JPEG(640, 640, 0)).OnDC(4)}
	}},
	{"suggest the same photo to Bob, by replying to it", func(w *world, prev int) emulator.Message {
		return emulator.Message{Text: "/suggest @bob", ReplyTo: prev}
	}},
	{"list what is set", func(w *world, _ int) emulator.Message { return emulator.Message{Text: "/list"} }},
	{"try someone who is not a contact", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/setphoto @eve", Media: emulator.Photo(emulator.JPEG(320, 320, 0))}
	}},
	{"add Eve to the contacts, and hide their own pictures behind their initials", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/hide @eve add=yes"}
	}},
	{"keep Bob's own photo, whatever they set later", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/keep @bob"}
	}},
	{"watch Bob's own photo: Persona keeps a copy and tells when he changes it", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/watch @bob"}
	}},
	{"reset Alice's photo", func(w *world, _ int) emulator.Message { return emulator.Message{Text: "/reset @alice"} }},
	{"import the photos of the phone's address book: Bob keeps the photo kept above", func(w *world, _ int) emulator.Message {
		return emulator.Message{Text: "/import", Media: emulator.Document(addressBook(), "text/vcard", "contacts.vcf")}
	}},
}

// addressBook is a vCard file as a phone exports it: Alice and Bob with
// photos, and someone not on Telegram.
func addressBook() []byte {
	card := func(name, phone string, photo []byte) string {
		return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name + "\r\nTEL;TYPE=CELL:" + phone + "\r\n" +
			"PHOTO;ENCODING=b;TYPE=JPEG:" + base64.StdEncoding.EncodeToString(photo) + "\r\nEND:VCARD\r\n"
	}
	return []byte(card("Alice Liddell", "(555) 000-0002", emulator.JPEG(320, 320, 0)) +
		card("Bob Builder", "+1 555 000 0003", emulator.JPEG(320, 320, 0)) +
		card("Zoe Nobody", "+44 20 7946 0000", emulator.JPEG(320, 320, 0)))
}

// bobChangesPhoto has Bob change his own photo in his app, and shows the
// notice Persona posts, with his previous photo attached.
func bobChangesPhoto(ctx context.Context, w *world, out io.Writer) error {
	w.emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(640, 640, 7))
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		for _, mc := range w.emu.SavedMessages(w.me.ID) {
			if m, ok := mc.(*tg.Message); ok && strings.HasPrefix(m.Message, "👁") {
				fmt.Fprintf(out, "# Bob changes his own photo in his app\npersona › %s   [his previous photo attached]\n\n", indent(m.Message))
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return errors.Wrap(ctx.Err(), "no notice of Bob's change")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (w *world) play(ctx context.Context, out io.Writer) error {
	prev := 0
	for _, s := range script {
		m := s.msg(w, prev)
		id, err := w.emu.Post(w.me.ID, m)
		if err != nil {
			return err
		}
		reply, err := w.waitReply(ctx, id)
		if err != nil {
			return errors.Wrapf(err, "%s: no reply", s.note)
		}
		fmt.Fprintf(out, "# %s\n", s.note)
		fmt.Fprintf(out, "you     › %s%s\n", m.Text, attachment(m, prev))
		fmt.Fprintf(out, "persona › %s\n\n", indent(reply.Message))
		if then := followUps[m.Text]; then != nil {
			if err := then(ctx, w, out); err != nil {
				return err
			}
		}
		if prev == 0 {
			prev = id // later steps may reply to the first photo
		}
	}
	return nil
}

func attachment(m emulator.Message, prev int) string {
	switch {
	case strings.HasPrefix(m.Text, "/import"):
		return "   [contacts.vcf attached]"
	case m.Media != nil && m.Media.DC != 0:
		return fmt.Sprintf("   [photo attached, stored on DC %d]", m.Media.DC)
	case m.Media != nil:
		return "   [photo attached]"
	case m.ReplyTo != 0:
		return fmt.Sprintf("   [replying to message %d]", prev)
	}
	return ""
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n          ") }

// waitReply waits for the daemon's reply to message id.
func (w *world) waitReply(ctx context.Context, id int) (*tg.Message, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		if r := w.emu.Replies(w.me.ID, id); len(r) > 0 {
			return r[0], nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (w *world) printPhotos(out io.Writer) {
	fmt.Fprintln(out, "Contacts' photos as Telegram now has them:")
	for _, u := range []emulator.User{w.alice, w.bob, w.eve} {
		state := "no personal photo"
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID); ok {
			state = fmt.Sprintf("personal %s (%d bytes)", pp.Kind, len(pp.Data))
		}
		switch n := len(w.emu.Suggestions(w.me.ID, u.ID)); {
		case n == 1:
			state += ", 1 suggestion sent"
		case n > 1:
			state += fmt.Sprintf(", %d suggestions sent", n)
		}
		fmt.Fprintf(out, "  @%-6s %s\n", u.Username, state)
	}
}
