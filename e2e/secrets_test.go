package e2e_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gotd/contrib/bbolt"
	"github.com/gotd/td/session"

	"persona/emulator"
	"persona/storage"
)

// TestSecretsAndPermissions: a database Persona creates in folders that do
// not exist yet is 0600 in 0700 folders; and the whole output of a login
// with 2FA (a wrong password first) and a daemon at debug level that runs
// commands, one with a phone target, and reconnects, holds none of the api
// hash, login code, password, phone numbers (with or without "+") or the
// auth key. (gotd's own logs stay at warn even at debug level, so debug
// adds only Persona's own debug lines.)
func TestSecretsAndPermissions(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{password: true})
	cfg, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(cfg), `path = "persona.db"`, `path = "state/deep/persona.db"`, 1)
	if moved == string(cfg) {
		t.Fatal("the world's config has no storage path to move")
	}
	if err := os.WriteFile(w.config, []byte(moved+"\n[log]\nlevel = \"debug\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	var output strings.Builder
	out, errOut, code := w.login(t, phone+"\n"+loginCode+"\nnot-it\n")
	if code == 0 {
		t.Fatal("login with a wrong password succeeded")
	}
	output.WriteString(out + errOut)
	out, errOut, code = w.login(t, w.answers())
	if code != 0 {
		t.Fatalf("login: exit %d\n%s%s", code, out, errOut)
	}
	output.WriteString(out + errOut)

	db := filepath.Join(w.dir, "state", "deep", "persona.db")
	for path, want := range map[string]os.FileMode{
		filepath.Join(w.dir, "state"):         0o700,
		filepath.Join(w.dir, "state", "deep"): 0o700,
		db:                                    0o600,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode().Perm(), want)
		}
	}

	d := w.startDaemon(t)
	_, media := photo()
	for _, m := range []emulator.Message{
		{Text: "/setphoto " + alicePhone, Media: media},
		{Text: "/status"},
		{Text: "/list"},
		{Text: "/reset " + alicePhone},
	} {
		w.waitReply(t, d, w.post(t, m))
		w.emu.Disconnect(w.me.ID) // the reconnect and catch-up log too
	}
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})), "✅")
	d.stop(t)
	output.WriteString(d.log() + d.stdout.String())

	all := output.String()
	noSecrets(t, all)
	for name, secret := range map[string]string{
		"phone without +":         strings.TrimPrefix(phone, "+"),
		"contact phone without +": strings.TrimPrefix(alicePhone, "+"),
	} {
		if strings.Contains(all, secret) {
			t.Errorf("output contains the %s", name)
		}
	}
	key := authKey(t, db)
	for name, form := range map[string]string{
		"hex":          hex.EncodeToString(key[:16]),
		"HEX":          strings.ToUpper(hex.EncodeToString(key[:16])),
		"base64":       base64.StdEncoding.EncodeToString(key)[:24],
		"base64url":    base64.RawURLEncoding.EncodeToString(key)[:24],
		"numbers":      strings.Trim(fmt.Sprint(key[:8]), "[]"),
		"JSON numbers": strings.ReplaceAll(strings.Trim(fmt.Sprint(key[:8]), "[]"), " ", ","),
	} {
		if strings.Contains(all, form) {
			t.Errorf("output contains the auth key (%s)", name)
		}
	}
}

// authKey reads the session's auth key from the database, as gotd stored it.
func authKey(t *testing.T, path string) []byte {
	t.Helper()
	db, err := storage.Open(path, storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := bbolt.NewSessionStorage(db.Bolt(), "session", []byte(storage.SessionBucket))
	data, err := (&session.Loader{Storage: s}).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(data.AuthKey) != 256 {
		t.Fatalf("auth key of %d bytes", len(data.AuthKey))
	}
	return data.AuthKey
}
