package config

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
)

// serverTOML is validTOML with a [telegram.server] section.
func serverTOML(address, dc, key string) string {
	return validTOML + "[telegram.server]\naddress = \"" + address + "\"\ndc = " + dc + "\npublic_key = \"" + key + "\"\n"
}

func TestLoadServer(t *testing.T) {
	both := append(pkcs1PEM(), pkixPEM()...)
	tests := []struct {
		name    string
		key     []byte
		address string
		keys    int
	}{
		{"pkcs1", pkcs1PEM(), "127.0.0.1:10443", 1},
		{"pkix", pkixPEM(), "localhost:443", 1},
		{"two keys with text around", append(append([]byte("Telegram test DC keys\n"), both...), "\n# end\n"...), "149.154.167.40:443", 2},
		{"ipv6", pkcs1PEM(), "[::1]:10443", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			writeFile(t, dir, "keys/server.pem", tt.key)
			path := writeFile(t, dir, "config.toml", []byte(serverTOML(tt.address, "2", "keys/server.pem")))

			s := mustLoad(t, path).Telegram.Server
			if s == nil {
				t.Fatal("Server is nil")
			}
			if s.Address != tt.address || s.DC != 2 || s.PublicKeyPath != filepath.Join(dir, "keys", "server.pem") {
				t.Errorf("got %+v", s)
			}
			if !bytes.Equal(s.PublicKeyPEM, tt.key) {
				t.Error("PublicKeyPEM is not the file's content")
			}
			keys, err := s.RSAPublicKeys()
			if err != nil || len(keys) != tt.keys {
				t.Fatalf("RSAPublicKeys() = %d keys, %v; want %d", len(keys), err, tt.keys)
			}
			if !keys[0].Equal(&testKey().PublicKey) {
				t.Error("parsed key differs from the generated one")
			}
		})
	}
}

func TestLoadServerAbsoluteKey(t *testing.T) {
	clearEnv(t)
	key := writeFile(t, t.TempDir(), "server.pem", pkcs1PEM())
	s := mustLoad(t, writeConfig(t, serverTOML("127.0.0.1:1", "1", key))).Telegram.Server
	if s.PublicKeyPath != key {
		t.Errorf("PublicKeyPath = %q, want %q", s.PublicKeyPath, key)
	}
}

func TestLoadServerInvalid(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecDER})
	// The file's content must never be echoed: it is marked so leaks show.
	garbage := []byte("SECRET not a key\n")
	fakeBlock := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: []byte("SECRET")})
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("SECRET")})

	tests := []struct {
		name, toml string
		key        []byte // written to server.pem when set
		want       []string
	}{
		{"empty section", validTOML + "[telegram.server]\n", nil, []string{
			"telegram.server.address is missing", "telegram.server.dc is missing", "telegram.server.public_key is missing"}},
		{"no port", serverTOML("127.0.0.1", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address must be host:port"}},
		{"named port", serverTOML("127.0.0.1:https", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address", "numeric port"}},
		{"port zero", serverTOML("127.0.0.1:0", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address"}},
		{"port too big", serverTOML("127.0.0.1:65536", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address"}},
		{"no host", serverTOML(":10443", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address"}},
		{"url", serverTOML("https://127.0.0.1:443", "2", "server.pem"), pkcs1PEM(), []string{"telegram.server.address"}},
		{"dc zero", serverTOML("127.0.0.1:1", "0", "server.pem"), pkcs1PEM(), []string{"telegram.server.dc is missing"}},
		{"dc negative", serverTOML("127.0.0.1:1", "-2", "server.pem"), pkcs1PEM(), []string{"telegram.server.dc must be between 1 and 1000"}},
		{"dc too big", serverTOML("127.0.0.1:1", "1001", "server.pem"), pkcs1PEM(), []string{"telegram.server.dc must be between 1 and 1000"}},
		{"key missing", serverTOML("127.0.0.1:1", "2", "nope.pem"), nil, []string{"telegram.server.public_key", "nope.pem", "cannot be read"}},
		{"key is a folder", serverTOML("127.0.0.1:1", "2", "."), nil, []string{"telegram.server.public_key", "not a regular file"}},
		{"key is a device", serverTOML("127.0.0.1:1", "2", "/dev/null"), nil, []string{"telegram.server.public_key: /dev/null is not a regular file"}},
		{"key empty", serverTOML("127.0.0.1:1", "2", "server.pem"), []byte{}, []string{"telegram.server.public_key", "server.pem", "no RSA public key"}},
		{"key not PEM", serverTOML("127.0.0.1:1", "2", "server.pem"), garbage, []string{"telegram.server.public_key", "no RSA public key"}},
		{"key broken", serverTOML("127.0.0.1:1", "2", "server.pem"), fakeBlock, []string{"telegram.server.public_key", "not an RSA public key"}},
		{"key EC", serverTOML("127.0.0.1:1", "2", "server.pem"), ecPEM, []string{"telegram.server.public_key", "not an RSA public key"}},
		{"key plus cert", serverTOML("127.0.0.1:1", "2", "server.pem"), append(pkcs1PEM(), cert...), []string{"telegram.server.public_key", "block (number 2)"}},
		{"private key", serverTOML("127.0.0.1:1", "2", "server.pem"), privatePEM(), []string{"telegram.server.public_key", "private key"}},
		{"key too large", serverTOML("127.0.0.1:1", "2", "server.pem"), bytes.Repeat([]byte("A"), maxKeyFile+1), []string{"too large"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			if tt.key != nil {
				writeFile(t, dir, "server.pem", tt.key)
			}
			_, err := Load(writeFile(t, dir, "config.toml", []byte(tt.toml)))
			wantErr(t, err, tt.want...)
		})
	}
}

func TestLoadServerUnreadableKey(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	clearEnv(t)
	dir := t.TempDir()
	key := writeFile(t, dir, "server.pem", pkcs1PEM())
	if err := os.Chmod(key, 0); err != nil {
		t.Fatal(err)
	}
	_, err := Load(writeFile(t, dir, "config.toml", []byte(serverTOML("127.0.0.1:1", "2", "server.pem"))))
	wantErr(t, err, "telegram.server.public_key: "+key+" cannot be read: permission denied")
}

func TestRSAPublicKeysByHand(t *testing.T) {
	if _, err := (&Server{}).RSAPublicKeys(); err == nil {
		t.Error("no PEM: want error")
	}
	if _, err := (&Server{PublicKeyPEM: privatePEM()}).RSAPublicKeys(); err == nil {
		t.Error("private key: want error")
	}
}
