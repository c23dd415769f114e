package e2e_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		setup   setup
		stdin   string
		wantOK  bool
		wantErr string // in stderr when the login fails
	}{
		{name: "no 2FA", stdin: phone + "\n" + loginCode + "\n", wantOK: true},
		{name: "2FA", setup: setup{password: true}, stdin: phone + "\n" + loginCode + "\n" + password + "\n", wantOK: true},
		{name: "phone from config", setup: setup{phoneInConfig: true}, stdin: loginCode + "\n", wantOK: true},
		{name: "wrong code", stdin: phone + "\n" + "Wr0ngCode\n", wantErr: "code"},
		{name: "wrong password", setup: setup{password: true}, stdin: phone + "\n" + loginCode + "\nnot-the-password\n", wantErr: "password"},
		{name: "no password given", setup: setup{password: true}, stdin: phone + "\n" + loginCode + "\n", wantErr: "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, tt.setup)
			out, errOut, code := w.login(t, tt.stdin)
			noSecrets(t, out+errOut)
			if !tt.wantOK {
				if code == 0 || !strings.Contains(errOut, tt.wantErr) {
					t.Fatalf("exit %d, want non-zero with a reason mentioning %q\nstdout: %s\nstderr: %s", code, tt.wantErr, out, errOut)
				}
				if strings.Contains(out, "logged in") {
					t.Fatalf("failed login printed %q", out)
				}
				return
			}
			want := fmt.Sprintf("logged in as Owner Persona (id %d)", w.me.ID)
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("exit %d, want 0 and %q\nstdout: %s\nstderr: %s", code, want, out, errOut)
			}
			// The stored session works: the daemon starts on it.
			d := w.startDaemon(t)
			d.stop(t)
			noSecrets(t, d.log())
		})
	}
}

func TestRunNotLoggedIn(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	out, errOut, code := w.persona(t, "", "run", "-config", w.config)
	if code != 2 || !strings.Contains(errOut, `not logged in: run "persona login" first`) {
		t.Fatalf("exit %d, want 2 and the hint\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	noSecrets(t, out+errOut)
}

// TestRunAfterFailedLogin: a login that failed leaves no usable session.
func TestRunAfterFailedLogin(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{password: true})
	if _, _, code := w.login(t, phone+"\n"+loginCode+"\nwrong\n"); code == 0 {
		t.Fatal("login with a wrong password succeeded")
	}
	_, errOut, code := w.persona(t, "", "run", "-config", w.config)
	if code != 2 || !strings.Contains(errOut, `not logged in: run "persona login" first`) {
		t.Fatalf("exit %d, want 2\nstderr: %s", code, errOut)
	}
}

func noSecrets(t *testing.T, output string) {
	t.Helper()
	for name, secret := range map[string]string{"app_hash": appHash, "login code": loginCode, "password": password, "phone": phone, "contact phone": alicePhone} {
		if strings.Contains(output, secret) {
			t.Errorf("output contains the %s:\n%s", name, output)
		}
	}
}
