package login

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gotd/td/telegram/auth/qrlogin"
	"rsc.io/qr"
)

// The PNG a phone scans from another screen: big modules and the quiet
// zone of four modules that QR readers need around the code.
const (
	pngModule    = 8 // pixels a side
	pngQuietZone = 4 // modules
)

// qrShower draws the login QR code in the terminal with half blocks, and
// writes it as login-qr.png in dir for headless servers; remove deletes
// that file, once the login is over.
func qrShower(out io.Writer, dir string) (show func(ctx context.Context, t qrlogin.Token) error, remove func()) {
	pngPath := filepath.Join(dir, "login-qr.png")
	show = func(_ context.Context, t qrlogin.Token) error {
		code, err := qr.Encode(t.URL(), qr.L)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "Scan this with Telegram on your phone: Settings → Devices → Link Desktop Device")
		fmt.Fprint(out, renderQR(code))
		if err := writePNG(pngPath, qrImage(code)); err == nil {
			fmt.Fprintf(out, "(also saved as %s until the login is over; this code expires at %s)\n", pngPath, t.Expires().Format("15:04:05"))
		}
		return nil
	}
	return show, func() { _ = os.Remove(pngPath) }
}

// renderQR prints two modules per character cell, with a quiet zone.
func renderQR(c *qr.Code) string {
	var b strings.Builder
	dark := func(x, y int) bool { return x >= 0 && y >= 0 && x < c.Size && y < c.Size && c.Black(x, y) }
	for y := -2; y < c.Size+2; y += 2 {
		for x := -2; x < c.Size+2; x++ {
			top, bottom := dark(x, y), dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteRune(' ')
			case top:
				b.WriteRune('▄')
			case bottom:
				b.WriteRune('▀')
			default:
				b.WriteRune('█')
			}
		}
		b.WriteRune('\n')
	}
	return b.String()
}

// qrImage draws the code black on white at pngModule pixels a module.
// (qr.Code.Image draws one pixel a module, with no quiet zone.)
func qrImage(c *qr.Code) image.Image {
	side := (c.Size + 2*pngQuietZone) * pngModule
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y := range c.Size {
		for x := range c.Size {
			if !c.Black(x, y) {
				continue
			}
			x0, y0 := (x+pngQuietZone)*pngModule, (y+pngQuietZone)*pngModule
			for py := y0; py < y0+pngModule; py++ {
				for px := x0; px < x0+pngModule; px++ {
					img.SetColorIndex(px, py, 1)
				}
			}
		}
	}
	return img
}

// writePNG replaces path with img at once, readable by the owner only: the
// code signs the account in for whoever scans it first.
func writePNG(path string, img image.Image) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".login-qr-*.png")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(f.Name()) }() // after a failure; gone after a rename
	if err := png.Encode(f, img); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
