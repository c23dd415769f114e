package initcmd

import (
	"strings"
	"testing"
)

func TestChecks(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) (string, error)
		in    string
		want  string // "" with ok false: refused
		ok    bool
	}{
		{"id", checkAppID, "12345", "12345", true},
		{"id leading zero", checkAppID, "012345", "12345", true},
		{"id zero", checkAppID, "0", "", false},
		{"id negative", checkAppID, "-5", "", false},
		{"id word", checkAppID, "abc", "", false},
		{"id too big for int32", checkAppID, "2147483648", "", false},
		{"id the hash", checkAppID, "0123456789abcdef0123456789abcdef", "", false},
		{"hash", checkAppHash, "0123456789abcdef0123456789ABCDEF", "0123456789abcdef0123456789abcdef", true},
		{"hash short", checkAppHash, "0123abcd", "", false},
		{"hash not hex", checkAppHash, "0123456789abcdef0123456789abcdeg", "", false},
		{"phone empty", checkPhone, "", "", true},
		{"phone", checkPhone, "+15550001111", "+15550001111", true},
		{"phone spaced", checkPhone, "+1 (555) 000-1111", "+15550001111", true},
		{"phone no plus", checkPhone, "15550001111", "", false},
		{"phone letters", checkPhone, "+1555CALLME", "", false},
		{"login default", checkLogin, "", "yes", true},
		{"login Y", checkLogin, "Y", "yes", true},
		{"login no", checkLogin, "no", "no", true},
		{"login QR", checkLogin, "QR", "qr", true},
		{"login maybe", checkLogin, "maybe", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.check(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("check(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

// The hash's refusal never repeats it: it is a secret.
func TestCheckAppHashKeepsSecret(t *testing.T) {
	const typo = "0123456789abcdef0123456789abcdeZ"
	if _, err := checkAppHash(typo); err == nil || strings.Contains(err.Error(), typo) {
		t.Errorf("checkAppHash = %v", err)
	}
}

func FuzzChecks(f *testing.F) {
	for _, s := range []string{"12345", "0123456789abcdef0123456789abcdef", "+1 555 000 1111", "qr", "", "-1", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, check := range []func(string) (string, error){checkAppID, checkAppHash, checkPhone, checkLogin} {
			v, err := check(s)
			if err != nil && v != "" {
				t.Fatalf("refused %q with a value %q", s, v)
			}
			if err == nil {
				if again, err := check(v); err != nil || again != v {
					t.Fatalf("accepted %q as %q, which is then %q, %v", s, v, again, err)
				}
			}
		}
	})
}

// The written config loads the answers back as TOML strings, whatever
// they hold.
func TestRenderQuotes(t *testing.T) {
	out := render(answers{appID: "1", appHash: "0123456789abcdef0123456789abcdef", phone: "+15550001111"}, "[telegram.server]\naddress = \"127.0.0.1:1\"")
	for _, want := range []string{"app_id = 1\n", `app_hash = "0123456789abcdef0123456789abcdef"`, `phone = "+15550001111"`, "[telegram.server]", `path = "persona.db"`} {
		if !strings.Contains(out, want) {
			t.Errorf("config lacks %q:\n%s", want, out)
		}
	}
}
