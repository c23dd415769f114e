package emulator_test

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"persona/emulator"
)

func TestStartOnRandomPort(t *testing.T) {
	t.Parallel()
	a := start(t, emulator.Options{})
	b := start(t, emulator.Options{DC: 4})
	if a.Port() == 0 || a.Port() == b.Port() {
		t.Fatalf("ports %d and %d, want two distinct random ports", a.Port(), b.Port())
	}
	if want := net.JoinHostPort(a.Host(), strconv.Itoa(a.Port())); a.Addr() != want {
		t.Errorf("Addr() = %q, want %q", a.Addr(), want)
	}
	if a.Host() != "127.0.0.1" {
		t.Errorf("Host() = %q, want IPv4 loopback", a.Host())
	}
	if a.DC() != 2 || b.DC() != 4 {
		t.Errorf("DC() = %d and %d, want 2 and 4", a.DC(), b.DC())
	}
}

func TestKeyIsFixedAndExported(t *testing.T) {
	t.Parallel()
	a := start(t, emulator.Options{})
	b := start(t, emulator.Options{})
	// gotd remembers a server by its key fingerprint: it must not change.
	if a.Key().Fingerprint() != b.Key().Fingerprint() {
		t.Fatal("two emulators have different keys")
	}
	block, _ := pem.Decode(a.PublicKeyPEM())
	if block == nil || block.Type != "RSA PUBLIC KEY" {
		t.Fatalf("PublicKeyPEM is not an RSA PUBLIC KEY block: %q", a.PublicKeyPEM())
	}
	k, err := x509.ParsePKCS1PublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if !k.Equal(a.Key().RSA) {
		t.Error("PEM key differs from Key()")
	}

	dir := t.TempDir()
	section, err := a.WriteServerConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(filepath.Join(dir, "server.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != string(a.PublicKeyPEM()) {
		t.Error("server.pem differs from PublicKeyPEM")
	}
	for _, want := range []string{"[telegram.server]", `address = "` + a.Addr() + `"`, "dc = 2", `public_key = "server.pem"`} {
		if !strings.Contains(section, want) {
			t.Errorf("config section %q lacks %q", section, want)
		}
	}
}

// tgtest's read loops ignore cancellation: Close must not wait for idle
// connections to time out.
func TestCloseReturnsPromptlyWithConnectionsOpen(t *testing.T) {
	t.Parallel()
	e, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Idle connections past their transport header, as a client between
	// requests, and one that has not sent its header yet.
	var conns []net.Conn
	for _, head := range [][]byte{{0xee, 0xee, 0xee, 0xee}, {0xef}, nil} {
		conn, err := net.Dial("tcp", e.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.Write(head); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
	}
	// The server has taken them up: all three open, the two with their
	// header in tgtest's read loops.
	for open, served := emulator.Conns(e); open < 3 || served < 2; open, served = emulator.Conns(e) {
		time.Sleep(time.Millisecond)
	}
	closed := make(chan error, 1)
	go func() { closed <- e.Close() }()
	// Blocked, Close would return when the read loops time out; returning
	// long before that is what "promptly" means, however loaded the machine.
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("close: %v", err)
		}
	case <-time.After(emulator.ReadTimeout / 2):
		t.Fatalf("Close blocked on open connections for half of tgtest's read timeout (%s)", emulator.ReadTimeout)
	}
	for i, conn := range conns {
		_ = conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		if _, err := conn.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("connection %d still open after Close: %v", i, err)
		}
	}
	if err := e.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
	if _, err := net.DialTimeout("tcp", e.Addr(), time.Second); err == nil {
		t.Error("still accepting after Close")
	}
}

// rawConnect opens a TCP connection, writes head and closes it.
func rawConnect(t *testing.T, addr string, head []byte) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(head) > 0 {
		if _, err := conn.Write(head); err != nil {
			t.Fatal(err)
		}
	}
	_ = conn.Close()
}

// Clients that close before or during their transport header, and a burst
// of bare TCP connects, must not stop the server for a real client.
func TestEarlyClosingClientsDoNotStopServer(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	for _, head := range [][]byte{
		nil,                      // nothing at all
		{0xef},                   // the abridged tag only
		{0xee, 0xee},             // half an intermediate tag
		{0xee, 0xee, 0xee, 0xee}, // the intermediate tag, then nothing
		[]byte("GET / HTTP/1.1\r\n\r\n"),
	} {
		rawConnect(t, e.Addr(), head)
	}
	for range 2000 {
		rawConnect(t, e.Addr(), nil)
	}
	_, c := loggedIn(t, e)
	if _, err := c.api.UpdatesGetState(testContext(t)); err != nil {
		t.Fatal(err)
	}
}
