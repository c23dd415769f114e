package initcmd

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-faster/errors"
)

// checkAppID: a positive whole number that fits Telegram's int32 api_id.
func checkAppID(s string) (string, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n <= 0 {
		return "", errors.New("app_id must be a positive whole number: the api_id on https://my.telegram.org")
	}
	return strconv.FormatInt(n, 10), nil
}

var appHashRE = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// checkAppHash: 32 hexadecimal digits, as my.telegram.org shows the
// api_hash. The message never repeats the answer: it is a secret.
func checkAppHash(s string) (string, error) {
	if !appHashRE.MatchString(s) {
		return "", errors.Errorf("app_hash must be 32 characters, digits and a-f (this one has %d): the api_hash on https://my.telegram.org", len(s))
	}
	return strings.ToLower(s), nil
}

var phoneRE = regexp.MustCompile(`^\+[0-9]{7,15}$`)

// checkPhone: empty, or + and the country code and number; spaces,
// dashes and brackets as people write them are dropped.
func checkPhone(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	p := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -().", r) {
			return -1
		}
		return r
	}, s)
	if !phoneRE.MatchString(p) {
		return "", errors.New("the phone number must be in international format: + and the country code first, e.g. +15551234567 (or empty)")
	}
	return p, nil
}

// checkLogin: yes (the default), no, or qr.
func checkLogin(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", "y", "yes":
		return "yes", nil
	case "n", "no":
		return "no", nil
	case "qr":
		return "qr", nil
	}
	return "", errors.Errorf("answer yes, no or qr, not %q", s)
}

// render is the config in the shape of config.example.toml, with the
// database beside it.
func render(a answers, server string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Persona configuration, written by "persona init". See config.example.toml
# for every setting. Relative paths are relative to this file's folder.

[telegram]
# From https://my.telegram.org (API development tools). The environment
# variables PERSONA_APP_ID and PERSONA_APP_HASH override them.
app_id = %s
# A secret: never share it.
app_hash = %q
# Optional: asked at login when empty.
phone = %q
`, a.appID, a.appHash, a.phone)
	if server = strings.TrimSpace(server); server != "" {
		fmt.Fprintf(&b, "\n%s\n", server)
	}
	b.WriteString(`
[storage]
# One bbolt file: session, update state, peer cache, photo records.
path = "persona.db"

[bot]
prefix = "/"

[log]
level = "info"
`)
	return b.String()
}
