package playground

import (
	"bytes"
	"encoding/base64"
	"image"
	_ "image/jpeg" // decode the cards' photos
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

func startPlayground(t *testing.T) *Playground {
	t.Helper()
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	return New(emu)
}

// TestProfileLines covers "@alice sets photo" and "@alice removes photo":
// her own photo changes, and removing it brings the one before back.
func TestProfileLines(t *testing.T) {
	p := startPlayground(t)
	alice := p.cast.alice
	var out bytes.Buffer
	p.do(&out, "@alice sets photo", 1, newShown())
	p.do(&out, "@alice sets photo", 2, newShown())
	photos := p.emu.ProfilePhotos(alice.ID)
	if len(photos) != 2 {
		t.Fatalf("%d photos after two lines; want 2 (%s)", len(photos), out.String())
	}
	p.do(&out, "@alice removes photo", 3, newShown())
	if left := p.emu.ProfilePhotos(alice.ID); len(left) != 1 || left[0].ID != photos[1].ID {
		t.Fatalf("after removing, photos %v; want the first one back", left)
	}
	p.do(&out, "@zed sets photo", 4, newShown())
	if !strings.Contains(out.String(), "no @zed here") {
		t.Fatalf("output %q does not refuse an unknown username", out.String())
	}
}

// TestVCard covers the generated .vcf: version 3.0 cards, lines folded at
// 75 octets, the cast's phones, and photos that decode once unfolded.
func TestVCard(t *testing.T) {
	p := startPlayground(t)
	data := p.cast.vcard(1)
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(l) > vcardLineMax {
			t.Fatalf("line of %d octets: %.40q…", len(l), l)
		}
	}
	unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
	if n := strings.Count(unfolded, "VERSION:3.0\r\n"); n != 4 {
		t.Fatalf("%d cards; want 4", n)
	}
	for _, phone := range []string{p.cast.alice.Phone, p.cast.bob.Phone} {
		if !strings.Contains(unfolded, phone+"\r\n") {
			t.Errorf("no card with %s", phone)
		}
	}
	photos := 0
	for _, l := range strings.Split(unfolded, "\r\n") {
		b64, ok := strings.CutPrefix(l, "PHOTO;ENCODING=b;TYPE=JPEG:")
		if !ok {
			continue
		}
		jpeg, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(jpeg)); err != nil || cfg.Width < 160 {
			t.Fatalf("photo %dx%d (%v); want a JPEG of at least 160 px", cfg.Width, cfg.Height, err)
		}
		photos++
	}
	if photos != 3 {
		t.Fatalf("%d photos; want 3", photos)
	}
	var out bytes.Buffer
	p.do(&out, "vcf /import", 5, newShown())
	saved := p.emu.SavedMessages(p.cast.me.ID)
	msg, ok := saved[len(saved)-1].(*tg.Message)
	if !ok || msg.Message != "/import" {
		t.Fatalf("vcf line posted %v (%q)", saved, out.String())
	}
	doc := msg.Media.(*tg.MessageMediaDocument).Document.(*tg.Document)
	if name := doc.Attributes[0].(*tg.DocumentAttributeFilename).FileName; doc.MimeType != "text/vcard" || name != "contacts.vcf" {
		t.Fatalf("document %s %v; want text/vcard contacts.vcf", doc.MimeType, doc.Attributes)
	}
}
