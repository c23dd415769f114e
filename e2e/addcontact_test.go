package e2e_test

import (
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestAddYes: Telegram keeps personal photos for contacts only. Without
// add=yes a stranger is refused by a reply naming the option; with it,
// Persona adds them under their Telegram name, phone not shared, sets the
// photo and says so, and the record, /history and /list remember it.
func TestAddYes(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetProfilePhoto(w.eve.ID, emulator.JPEG(640, 640, 0))
	_, media := photo()
	for _, text := range []string{"/setphoto @eve", "/hide @eve", "/keep @eve"} {
		m := emulator.Message{Text: text}
		if text == "/setphoto @eve" {
			m.Media = media
		}
		r := w.waitReply(t, d, w.post(t, m))
		if want := "❌ @eve is not in your contacts; add=yes adds them first"; r.Message != want {
			t.Errorf("%s: reply %q, want %q", text, r.Message, want)
		}
	}
	if n := len(w.emu.Calls("contacts.addContact")); n != 0 || w.emu.IsContact(w.me.ID, w.eve.ID) {
		t.Fatalf("%d contacts.addContact calls without add=yes", n)
	}

	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @eve add=yes", Media: media}))
	if want := "✅ @eve: added to your contacts; personal photo set"; r.Message != want {
		t.Fatalf("reply %q, want %q\n%s", r.Message, want, d.log())
	}
	checkAdded(t, w, w.eve, "Eve", "")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.eve.ID); !ok {
		t.Fatal("no personal photo for @eve after add=yes")
	}
	wantAddedShown(t, w, d, "@eve")
}

// TestAddYesHideKeep: /hide and /keep take add=yes too, with the last name.
func TestAddYesHideKeep(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	zoe := w.emu.AddUser(emulator.UserSpec{FirstName: "Zoe", LastName: "Quinn", Username: "zoe"})
	max := w.emu.AddUser(emulator.UserSpec{FirstName: "Max", LastName: "Power", Username: "maxp"})
	w.emu.SetProfilePhoto(max.ID, emulator.JPEG(640, 640, 0))

	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide @zoe add=yes"}))
	wantPrefix(t, r, "✅ @zoe: added to your contacts; personal photo set")
	checkAdded(t, w, zoe, "Zoe", "Quinn")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/keep @maxp add=yes"}))
	wantPrefix(t, r, "✅ @maxp: added to your contacts; personal photo set")
	checkAdded(t, w, max, "Max", "Power")
	wantAddedShown(t, w, d, "@zoe")
}

// checkAdded finds the contacts.addContact call for u: their Telegram
// name, no phone, and add_phone_privacy_exception off.
func checkAdded(t *testing.T, w *world, u emulator.User, first, last string) {
	t.Helper()
	for _, ev := range w.emu.Calls("contacts.addContact") {
		req := ev.Request.(*tg.ContactsAddContactRequest)
		in, ok := req.ID.(*tg.InputUser)
		if !ok || in.UserID != u.ID {
			continue
		}
		if ev.Err != nil || req.FirstName != first || req.LastName != last || req.Phone != "" || req.AddPhonePrivacyException {
			t.Fatalf("contacts.addContact %+v (error %v); want %q %q, no phone, no phone privacy exception", req, ev.Err, first, last)
		}
		if !w.emu.IsContact(w.me.ID, u.ID) {
			t.Fatal("not a contact after contacts.addContact")
		}
		return
	}
	t.Fatalf("no contacts.addContact call for @%s", u.Username)
}

// wantAddedShown checks that /history and /list say Persona added them.
func wantAddedShown(t *testing.T, w *world, d *daemon, label string) {
	t.Helper()
	for _, text := range []string{"/history " + label, "/list"} {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: text}))
		line := lineOf(r.Message, label)
		if !strings.Contains(line, "added by Persona") {
			t.Errorf("%s: line %q of %q does not say \"added by Persona\"", text, line, r.Message)
		}
	}
}

// lineOf is the first line of text naming label, or for /history (whose
// lines name no one) the first line after the header.
func lineOf(text, label string) string {
	lines := strings.Split(text, "\n")
	for _, l := range lines[1:] {
		if strings.Contains(l, label) || strings.HasPrefix(l, "• now:") {
			return l
		}
	}
	return ""
}
