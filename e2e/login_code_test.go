package e2e_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// ownerEmail is the owner's login email; Telegram shows it masked.
const (
	ownerEmail   = "owner@example.com"
	ownerPattern = "o****@example.com"
)

// TestLoginByEmail: when Telegram sends the login code by email, login
// says so, naming the address as Telegram masks it, asks again after a
// wrong code, and signs in with the emailed code as email_verification.
func TestLoginByEmail(t *testing.T) {
	t.Parallel()
	t.Run("terminal", func(t *testing.T) {
		t.Parallel()
		w := newWorld(t, setup{phoneInConfig: true})
		w.emu.SetLoginCode(w.me.ID, emulator.LoginCode{By: emulator.CodeByEmail, Email: ownerEmail})
		c := w.startInteractive(t, "login")
		c.waitFor(t, c.stderr, "Login code (sent by email to "+ownerPattern+"): ")
		c.answer(t, "Wr0ng99")
		c.waitFor(t, c.stderr, "That code is wrong; try again")
		c.answer(t, loginCode)
		if code := c.exit(t); code != 0 || !strings.Contains(c.stdout.String(), "logged in as Owner Persona") {
			t.Fatalf("exit %d, want 0 and logged in\nstdout: %s\nstderr: %s", code, c.stdout, c.stderr)
		}
		noSecrets(t, c.stdout.String()+c.stderr.String())
		checkSignedInByEmail(t, w)
	})
	for _, tt := range []struct {
		name  string
		setup setup
		stdin string
	}{
		{name: "scripted", stdin: phone + "\nWr0ng99\n" + loginCode + "\n"},
		{name: "2FA", setup: setup{password: true}, stdin: phone + "\n" + loginCode + "\n" + password + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, tt.setup)
			w.emu.SetLoginCode(w.me.ID, emulator.LoginCode{By: emulator.CodeByEmail, Email: ownerEmail})
			out, errOut, code := w.login(t, tt.stdin)
			want := fmt.Sprintf("logged in as Owner Persona (id %d)", w.me.ID)
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("exit %d, want 0 and %q\nstdout: %s\nstderr: %s", code, want, out, errOut)
			}
			noSecrets(t, out+errOut)
			if !strings.Contains(out+errOut, "by email this time, to "+ownerPattern) {
				t.Errorf("a scripted login is not told the code went by email\nstdout: %s\nstderr: %s", out, errOut)
			}
			checkSignedInByEmail(t, w)
			d := w.startDaemon(t) // the stored session works
			d.stop(t)
		})
	}
}

// checkSignedInByEmail: the auth.signIn whose code was right (2FA may
// follow) carried it as email_verification, and none as phone_code.
func checkSignedInByEmail(t *testing.T, w *world) {
	t.Helper()
	for _, ev := range w.emu.Calls("auth.signIn") {
		if ev.Err != nil && ev.Err.Type != "SESSION_PASSWORD_NEEDED" {
			continue
		}
		req := ev.Request.(*tg.AuthSignInRequest)
		if v, ok := req.EmailVerification.(*tg.EmailVerificationCode); !ok || v.Code != loginCode || req.PhoneCode != "" {
			t.Errorf("auth.signIn signed in with phone_code %q and email_verification %T", req.PhoneCode, req.EmailVerification)
		}
		return
	}
	t.Error("no auth.signIn had the right code")
}

// TestLoginCodeNotSent: when Telegram sends no code until a login email is
// set up, or until a payment, login exits 1 saying what to do in an
// official app, and never waits at a prompt for a code that will not come:
// its standard input, a terminal or a pipe, stays open, so a prompt would
// wait for ever.
func TestLoginCodeNotSent(t *testing.T) {
	t.Parallel()
	for _, by := range []struct {
		name string
		by   emulator.CodeDelivery
		says []string
	}{
		{"email setup", emulator.CodeNeedsEmailSetup, []string{"login email", "official Telegram app", "login -qr"}},
		{"payment", emulator.CodeNeedsPayment, []string{"payment", "official Telegram app", "login -qr"}},
	} {
		for _, terminal := range []bool{false, true} {
			name := by.name + map[bool]string{false: ", pipe", true: ", terminal"}[terminal]
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				w := newWorld(t, setup{phoneInConfig: true})
				w.emu.SetLoginCode(w.me.ID, emulator.LoginCode{By: by.by})
				var c *interactive
				if terminal {
					c = w.startInteractive(t, "login")
				} else {
					c = w.startPiped(t, "login")
				}
				code := c.exitOr(t, c.stderr, "Login code")
				errOut := c.stderr.String()
				if code != 1 {
					t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, c.stdout, errOut)
				}
				for _, s := range by.says {
					if !strings.Contains(errOut, s) {
						t.Errorf("stderr does not say %q:\n%s", s, errOut)
					}
				}
				if strings.Contains(c.stdout.String(), "logged in") {
					t.Errorf("stdout: %s", c.stdout)
				}
				noSecrets(t, c.stdout.String()+errOut)
			})
		}
	}
}

// startPiped runs persona with standard input a pipe that stays open until
// the test ends, as a script that has not written its next answer yet.
func (w *world) startPiped(t *testing.T, args ...string) *interactive {
	t.Helper()
	c := &interactive{stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	c.cmd = exec.Command(binary, append(args, "-config", w.config)...)
	c.cmd.Dir, c.cmd.Stdout, c.cmd.Stderr = w.dir, c.stdout, c.stderr
	stdin, err := c.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stdin.Close() })
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = c.cmd.Wait()
		c.code = c.cmd.ProcessState.ExitCode()
		close(c.done)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		<-c.done
	})
	return c
}

// exitOr waits for the exit, failing at once if out shows prompt first: a
// prompt for what will never come is the bug.
func (c *interactive) exitOr(t *testing.T, out *syncBuffer, prompt string) int {
	t.Helper()
	eventually(t, func() bool {
		if strings.Contains(out.String(), prompt) {
			t.Fatalf("login prompts %q\nstdout: %s\nstderr: %s", prompt, c.stdout, c.stderr)
		}
		select {
		case <-c.done:
			return true
		default:
			return false
		}
	}, func() string {
		return fmt.Sprintf("login still running\nstdout: %s\nstderr: %s", c.stdout, c.stderr)
	})
	return c.code
}
