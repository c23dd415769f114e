package config

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/go-faster/errors"
)

// maxDC bounds telegram.server.dc: Telegram's DCs are numbered 1 to 5, so the
// bound only catches typos while leaving room for emulators.
const maxDC = 1000

// maxKeyFile bounds the key file read: a PEM with a few RSA keys is a few
// KiB, and a mistaken path to a database should not be read whole.
const maxKeyFile = 1 << 20

// buildServer checks [telegram.server] and reads the key file, so a bad
// emulator or test-DC setup fails at start-up rather than at first connect.
func buildServer(in *serverFile, dir string) (*Server, error) {
	var problems []error
	if err := checkAddress(in.Address); err != nil {
		problems = append(problems, err)
	}
	switch {
	case in.DC == 0:
		problems = append(problems, errors.Errorf("telegram.server.dc is missing: set the server's DC id (1 to %d)", maxDC))
	case in.DC < 1 || in.DC > maxDC:
		problems = append(problems, errors.Errorf("telegram.server.dc must be between 1 and %d", maxDC))
	}
	s := &Server{Address: strings.TrimSpace(in.Address), DC: in.DC}
	if in.PublicKey == "" {
		problems = append(problems, errors.New("telegram.server.public_key is missing: "+
			"set the PEM file with the server's RSA public key"))
	} else {
		s.PublicKeyPath = resolve(dir, in.PublicKey)
		pemData, err := readPublicKeys(s.PublicKeyPath)
		if err != nil {
			problems = append(problems, err)
		}
		s.PublicKeyPEM = pemData
	}
	return s, errors.Join(problems...)
}

func checkAddress(addr string) error {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return errors.New("telegram.server.address is missing: set the server's host:port, like 127.0.0.1:10443")
	}
	host, port, err := net.SplitHostPort(addr)
	if err == nil && host != "" {
		if n, perr := strconv.Atoi(port); perr == nil && n >= 1 && n <= 65535 {
			return nil
		}
	}
	return errors.Errorf("telegram.server.address must be host:port with a numeric port, like 127.0.0.1:10443 (got %q)", addr)
}

// readPublicKeys reads the key file and checks that every PEM block in it is
// an RSA public key, the way gotd's crypto.ParseRSAPublicKeys will read it.
// Errors name the path but never quote the file's content.
func readPublicKeys(path string) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return errors.Errorf("telegram.server.public_key: %s "+format, append([]any{path}, args...)...)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fail("cannot be read: %v", unwrapPath(err))
	}
	defer func() { _ = f.Close() }()
	// A device or pipe (say /dev/stdin) would block start-up on the read.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fail("is not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fail("cannot be read: %v", unwrapPath(err))
	}
	if len(data) > maxKeyFile {
		return nil, fail("is too large for a PEM key file")
	}
	keys, err := parseRSAPublicKeys(data)
	if err != nil {
		return nil, fail("%v", err)
	}
	if len(keys) == 0 {
		return nil, fail("holds no RSA public key in PEM form")
	}
	return data, nil
}

// RSAPublicKeys parses PublicKeyPEM, for telegram.Options.PublicKeys. Load
// has already checked it, so an error here means the struct was built by hand.
func (s *Server) RSAPublicKeys() ([]*rsa.PublicKey, error) {
	keys, err := parseRSAPublicKeys(s.PublicKeyPEM)
	if err != nil {
		return nil, errors.Wrap(err, "server public key")
	}
	if len(keys) == 0 {
		return nil, errors.New("server public key: no RSA public key in PEM form")
	}
	return keys, nil
}

// parseRSAPublicKeys accepts PKCS#1 ("RSA PUBLIC KEY") and PKIX ("PUBLIC
// KEY") blocks. Its errors describe blocks by number and type only.
func parseRSAPublicKeys(data []byte) ([]*rsa.PublicKey, error) {
	var keys []*rsa.PublicKey
	for n := 1; ; n++ {
		block, rest := pem.Decode(data)
		if block == nil {
			return keys, nil
		}
		data = rest
		if strings.Contains(block.Type, "PRIVATE KEY") {
			return nil, errors.Errorf("holds a private key (PEM block %d): give the server's public key instead", n)
		}
		key, err := parseRSABlock(block)
		if err != nil {
			// The block type comes from the file, so it is not echoed either.
			return nil, errors.Errorf("has a PEM block (number %d) that is not an RSA public key", n)
		}
		keys = append(keys, key)
	}
}

func parseRSABlock(block *pem.Block) (*rsa.PublicKey, error) {
	switch block.Type {
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(block.Bytes)
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.Errorf("%T is not an RSA key", k)
	default:
		return nil, errors.New("not a public key block")
	}
}
