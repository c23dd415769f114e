package login

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rsc.io/qr"
)

func TestQRImageAndPNG(t *testing.T) {
	code, err := qr.Encode("tg://login?token=AAAA", qr.L)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(renderQR(code), "\n"), "\n")
	if want := (code.Size + 4 + 1) / 2; len(lines) != want {
		t.Errorf("terminal code has %d lines, want %d", len(lines), want)
	}
	path := filepath.Join(t.TempDir(), "login-qr.png")
	if err := writePNG(path, qrImage(code)); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("PNG mode %v, want 0600: the code signs in whoever scans it", st.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if side := (code.Size + 2*pngQuietZone) * pngModule; img.Bounds().Dx() != side || img.Bounds().Dy() != side {
		t.Errorf("PNG is %v, want %d px a side", img.Bounds(), side)
	}
}
