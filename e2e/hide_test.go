package e2e_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"persona/emulator"
)

// TestHide: /hide sets a generated picture, their initials or a
// silhouette, for names in any script, emoji or none: each a square JPEG
// of at least 640 px that is not one plain colour.
func TestHide(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := []emulator.User{
		w.emu.AddUser(emulator.UserSpec{FirstName: "Lena", LastName: "Smith", Username: "latin"}),
		w.emu.AddUser(emulator.UserSpec{FirstName: "Иван", LastName: "Петров", Username: "cyrillic"}),
		w.emu.AddUser(emulator.UserSpec{FirstName: "山田", LastName: "太郎", Username: "cjk"}),
		w.emu.AddUser(emulator.UserSpec{FirstName: "😀🎉", Username: "emojionly"}),
		w.emu.AddUser(emulator.UserSpec{Username: "noname"}),
	}
	var targets []string
	for _, u := range people {
		w.emu.AddContact(w.me.ID, u.ID)
		targets = append(targets, "@"+u.Username)
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide " + strings.Join(targets, " ")}))
	wantPrefix(t, r, "✅")
	for _, u := range people {
		pp, ok := w.emu.PersonalPhoto(w.me.ID, u.ID)
		if !ok || pp.Kind != "photo" {
			t.Fatalf("@%s: no personal photo (%+v)", u.Username, pp.Kind)
		}
		checkPicture(t, u.Username, pp.Data)
	}
	for _, text := range []string{"/history @cyrillic", "/list"} {
		r := w.waitReply(t, d, w.post(t, emulator.Message{Text: text}))
		if line := lineOf(r.Message, "@cyrillic"); !strings.Contains(line, "hidden") {
			t.Errorf("%s: line %q of %q does not say hidden", text, line, r.Message)
		}
	}
}

// checkPicture decodes a JPEG and checks its size and that it has ink.
func checkPicture(t *testing.T, who string, data []byte) {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("@%s: the picture is not a JPEG: %v", who, err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() || b.Dx() < 640 {
		t.Fatalf("@%s: picture %v, want a square of at least 640 px", who, b)
	}
	lo, hi := 255, 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			l := grey(img, x, y)
			lo, hi = min(lo, l), max(hi, l)
		}
	}
	if hi-lo < 60 {
		t.Fatalf("@%s: the picture is nearly one colour (luma %d to %d)", who, lo, hi)
	}
}

func grey(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return int((299*r + 587*g + 114*b) / 1000 >> 8)
}

// TestHideUndoReset: /undo after /hide goes back to the photo set before,
// /reset removes the picture so their own photo shows again.
func TestHideUndoReset(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	before, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide @alice @bob"})), "✅")
	if pp, _ := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); bytes.Equal(pp.Data, before) {
		t.Fatal("/hide left the photo set before")
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"}))
	wantPrefix(t, r, "✅ @alice: back to the photo")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, before) {
		t.Fatal("/undo after /hide did not bring the photo before back")
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/reset @bob"})), "✅ @bob: personal photo removed")
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Fatal("/reset after /hide left a personal photo")
	}
	// /undo of a /hide that went back to it draws the picture again.
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/hide @alice"})), "✅")
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")
	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/undo @alice"}))
	wantPrefix(t, r, "✅ @alice: back to their initials")
	pp, _ := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	checkPicture(t, "alice", pp.Data)
}
