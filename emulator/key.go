package emulator

import (
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"

	"github.com/go-faster/errors"

	"github.com/gotd/td/exchange"
)

// The server key is fixed: gotd remembers a server by its key fingerprint, and
// a key that changed between runs is a permanent client error
// (docs/ARCHITECTURE.md, "The server key is fixed"). It protects nothing:
// the emulator only serves test data.
//
//go:embed server_key.pem
var serverKeyPEM []byte

func serverKey() (exchange.PrivateKey, error) {
	block, _ := pem.Decode(serverKeyPEM)
	if block == nil {
		return exchange.PrivateKey{}, errors.New("server key: no PEM block")
	}
	k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		return exchange.PrivateKey{}, errors.Wrap(err, "server key")
	}
	return exchange.PrivateKey{RSA: k}, nil
}

// PublicKeyPEM is the server's public key in PEM ("RSA PUBLIC KEY", PKCS#1),
// the form [telegram.server] public_key expects.
func (e *Emulator) PublicKeyPEM() []byte {
	return publicKeyPEM(&e.key.RSA.PublicKey)
}

func publicKeyPEM(k *rsa.PublicKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(k)})
}

// ServerConfig is the [telegram.server] TOML section that points a client at
// this emulator, with public_key naming keyFile.
func (e *Emulator) ServerConfig(keyFile string) string {
	return "[telegram.server]\n" +
		"address = " + strconv.Quote(e.Addr()) + "\n" +
		"dc = " + strconv.Itoa(e.DC()) + "\n" +
		"public_key = " + strconv.Quote(keyFile) + "\n"
}

// WriteServerConfig writes the public key as server.pem into dir and returns
// the [telegram.server] section that refers to it by that relative name.
func (e *Emulator) WriteServerConfig(dir string) (string, error) {
	if err := os.WriteFile(filepath.Join(dir, "server.pem"), e.PublicKeyPEM(), 0o644); err != nil {
		return "", errors.Wrap(err, "write server key")
	}
	return e.ServerConfig("server.pem"), nil
}
