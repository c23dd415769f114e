package e2e_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/telegram/auth/qrlogin"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"rsc.io/qr"

	"persona/emulator"
)

// qrLag makes login tokens short-lived for the login in these tests: the
// emulator's clock runs 27 s behind, so its 30 s tokens expire after 3 s.
const qrLag = 27 * time.Second

// TestLoginQR: `persona login -qr` draws the QR code in the terminal and
// writes it as login-qr.png beside the config; when the token expires it
// shows a new one; once a phone accepts it, it asks the 2FA password, if
// any, and the stored session runs the daemon.
func TestLoginQR(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password bool
		stdin    string
		wantErr  string // in stderr when the login fails
	}{
		{name: "no 2FA"},
		{name: "2FA", password: true, stdin: password + "\n"},
		{name: "wrong password", password: true, stdin: "not-the-password\n", wantErr: "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, setup{password: tt.password, emuNow: func() time.Time { return time.Now().Add(-qrLag) }})
			var out, errOut syncBuffer
			cmd := exec.Command(binary, "login", "-qr", "-config", w.config)
			cmd.Dir, cmd.Stdin, cmd.Stdout, cmd.Stderr = w.dir, strings.NewReader(tt.stdin), &out, &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			t.Cleanup(func() { _ = cmd.Process.Kill() })

			first := w.waitQR(t, nil, &out)
			checkQRFile(t, filepath.Join(w.dir, "login-qr.png"))
			second := w.waitQR(t, first, &out) // the first expired: a new code
			if _, err := w.emu.ApproveLoginToken(second, w.me.ID); err != nil {
				t.Fatalf("the phone cannot accept the code shown: %v", err)
			}
			ctx, cancel := patience(t)
			defer cancel()
			var err error
			select {
			case err = <-exited:
			case <-ctx.Done():
				t.Fatalf("login -qr still running after the code was accepted\nstdout: %s\nstderr: %s", &out, &errOut)
			}
			noSecrets(t, out.String()+errOut.String())
			if _, err := os.Stat(filepath.Join(w.dir, "login-qr.png")); !os.IsNotExist(err) {
				t.Errorf("login-qr.png is still there after the login (%v)", err)
			}
			if n := strings.Count(out.String(), "Scan this"); n < 2 {
				t.Errorf("the QR code was drawn %d times, want it drawn again after it expired", n)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(errOut.String(), tt.wantErr) || strings.Contains(out.String(), "logged in") {
					t.Fatalf("login: %v, want a failure saying %q\nstdout: %s\nstderr: %s", err, tt.wantErr, &out, &errOut)
				}
				return
			}
			want := fmt.Sprintf("logged in as Owner Persona (id %d)", w.me.ID)
			if err != nil || !strings.Contains(out.String(), want) {
				t.Fatalf("login: %v, want %q\nstdout: %s\nstderr: %s", err, want, &out, &errOut)
			}
			d := w.startDaemon(t)
			wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
		})
	}
}

// waitQR waits for a login token other than prev that login-qr.png and the
// terminal both show, and returns it.
func (w *world) waitQR(t *testing.T, prev []byte, out *syncBuffer) []byte {
	t.Helper()
	var shown []byte
	eventually(t, func() bool {
		tok, ok := w.emu.PendingLoginToken()
		if !ok || bytes.Equal(tok, prev) {
			return false
		}
		url := qrlogin.NewToken(tok, 0).URL()
		code, err := qr.Encode(url, qr.L)
		if err != nil {
			t.Fatal(err)
		}
		if pngShows(filepath.Join(w.dir, "login-qr.png"), url) && drawn(out.String(), code) {
			shown = tok
		}
		return shown != nil
	}, func() string { return fmt.Sprintf("no new QR code shown\nstdout: %s", out) })
	return shown
}

// pngShows reports whether a QR reader, reading the PNG at path at its own
// size, finds url in it.
func pngShows(path, url string) bool {
	img, err := readPNG(path)
	if err != nil {
		return false
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return false
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	return err == nil && res.GetText() == url
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// checkQRFile checks that the PNG is one a phone can scan from a screen:
// at least 8 pixels a module, 4 light modules of quiet zone around the
// code, and readable by the owner only.
func checkQRFile(t *testing.T, path string) {
	t.Helper()
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s: mode %v (%v), want 0600", path, fi.Mode().Perm(), err)
	}
	img, err := readPNG(path)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	code := image.Rectangle{Min: b.Max, Max: b.Min} // the dark pixels' bounds
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dark(img, x, y) {
				code = code.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	// The top-left finder pattern's top edge is 7 modules of dark.
	run := 0
	for x := code.Min.X; x < code.Max.X && dark(img, x, code.Min.Y); x++ {
		run++
	}
	module := run / 7
	if module < 8 {
		t.Errorf("%s: %d px a module, want at least 8", path, module)
	}
	quiet := min(code.Min.X-b.Min.X, code.Min.Y-b.Min.Y, b.Max.X-code.Max.X, b.Max.Y-code.Max.Y)
	if module == 0 || quiet < 4*module {
		t.Errorf("%s (%v): code at %v, a quiet zone of %d px, want at least 4 modules of %d px", path, b, code, quiet, module)
	}
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r+g+b < 3*0x8000
}

// drawn reports whether the terminal output ends with the QR code drawn in
// half blocks: two modules per character, light on dark, with a quiet zone
// of two modules.
func drawn(out string, code *qr.Code) bool {
	var want strings.Builder
	black := func(x, y int) bool { return x >= 0 && y >= 0 && x < code.Size && y < code.Size && code.Black(x, y) }
	for y := -2; y < code.Size+2; y += 2 {
		for x := -2; x < code.Size+2; x++ {
			want.WriteRune([]rune("█▀▄ ")[btoi(black(x, y))*2+btoi(black(x, y+1))])
		}
		want.WriteByte('\n')
	}
	i := strings.LastIndex(out, "Scan this")
	return i >= 0 && strings.Contains(out[i:], want.String())
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
