package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gotd/td/telegram/auth/qrlogin"
	"rsc.io/qr"
)

// showQR draws the login QR code in the terminal with half blocks, and
// writes it as login-qr.png beside the config for headless servers.
func showQR(out io.Writer, dir string) func(ctx context.Context, t qrlogin.Token) error {
	return func(_ context.Context, t qrlogin.Token) error {
		code, err := qr.Encode(t.URL(), qr.L)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "Scan this with Telegram on your phone: Settings → Devices → Link Desktop Device")
		fmt.Fprint(out, renderQR(code))
		pngPath := filepath.Join(dir, "login-qr.png")
		if err := writePNG(pngPath, code.Image()); err == nil {
			fmt.Fprintf(out, "(also saved as %s; it expires at %s)\n", pngPath, t.Expires().Format("15:04:05"))
		}
		return nil
	}
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

func writePNG(path string, img image.Image) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
