package playground

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"persona/emulator"
)

// phone and code are what `persona login` asks for in the playground.
const (
	phone = "+15550000001"
	code  = "12345"
)

// cast is the playground's people: the account, two contacts with phones,
// and someone who is not a contact; and what the account can post.
type cast struct {
	me, alice, bob, eve emulator.User
	stickers            emulator.StickerSet
	emoji               int64 // a custom emoji's document id
}

func newCast(emu *emulator.Emulator) cast {
	c := cast{
		me:    emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Dana", Username: "dana", Phone: phone}, Code: code}),
		alice: emu.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice", Phone: "+15550000002"}),
		bob:   emu.AddUser(emulator.UserSpec{FirstName: "Bob", Username: "bob", Phone: "+15550000003"}),
		eve:   emu.AddUser(emulator.UserSpec{FirstName: "Eve", Username: "eve"}),
	}
	emu.AddContact(c.me.ID, c.alice.ID)
	emu.AddContact(c.me.ID, c.bob.ID)
	c.stickers = emu.AddStickerSet("playground")
	c.emoji = emu.AddCustomEmoji(c.stickers, "🙂")
	return c
}

// byUsername finds a cast member other than the account by username.
func (c cast) byUsername(name string) (emulator.User, bool) {
	for _, u := range []emulator.User{c.alice, c.bob, c.eve} {
		if strings.EqualFold(u.Username, name) {
			return u, true
		}
	}
	return emulator.User{}, false
}

// introduce prints who is who, with the phones and ids to try as targets.
func (c cast) introduce(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "People:")
	fmt.Fprintf(tw, "  you\t%s\t+%s\tid %d\tthe account: log in with this phone and code %s\n", c.me.FirstName, c.me.Phone, c.me.ID, code)
	for _, u := range []emulator.User{c.alice, c.bob} {
		fmt.Fprintf(tw, "  @%s\t%s\t+%s\tid %d\ta contact: @%s, +%s and %d all name them\n", u.Username, u.FirstName, u.Phone, u.ID, u.Username, u.Phone, u.ID)
	}
	fmt.Fprintf(tw, "  @%s\t%s\t\t\tnot a contact: try /setphoto @%s, then add=yes\n", c.eve.Username, c.eve.FirstName, c.eve.Username)
	_ = tw.Flush()
}
