package session_test

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"path/filepath"
	"testing"
	"time"

	"github.com/gotd/td/telegram/auth/qrlogin"

	"persona/emulator"
	"persona/session"
	"persona/storage"
)

type answer string

func (a answer) Ask(context.Context, string, bool) (string, error) { return string(a), nil }

func TestLoginQR(t *testing.T) {
	for _, tt := range []struct {
		name, password string
	}{{"plain", ""}, {"with 2FA", "s3cret"}} {
		t.Run(tt.name, func(t *testing.T) {
			emu, err := emulator.Start(emulator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = emu.Close() })
			acc := emu.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: "Q", Phone: "+15550009999"}, Password: tt.password})
			db, err := storage.Open(filepath.Join(t.TempDir(), "p.db"), storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = db.Close() })
			opts := session.Options{AppID: 1, AppHash: "h", DB: db, Server: &session.Server{
				Address: emu.Addr(), DC: emu.DC(), PublicKeys: []*rsa.PublicKey{emu.Key().RSA},
			}}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			shown := 0
			show := func(ctx context.Context, tok qrlogin.Token) error {
				shown++
				// The phone app scans the code and accepts it.
				go func() {
					if _, err := emu.ApproveLoginToken(tokenBytes(t, tok), acc.ID); err != nil {
						t.Errorf("approve: %v", err)
					}
				}()
				return nil
			}
			self, err := session.LoginQR(ctx, opts, show, answer(tt.password))
			if err != nil {
				t.Fatalf("login: %v", err)
			}
			if self.ID != acc.ID || shown == 0 {
				t.Fatalf("self %d shown %d, want %d and at least one QR", self.ID, shown, acc.ID)
			}
		})
	}
}

// tokenBytes decodes the token as the phone app does, from the QR's text.
func tokenBytes(t *testing.T, tok qrlogin.Token) []byte {
	t.Helper()
	b, err := base64.URLEncoding.DecodeString(tok.String())
	if err != nil {
		t.Fatal(err)
	}
	return b
}
