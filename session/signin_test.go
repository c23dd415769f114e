package session

import (
	"context"
	"strings"
	"testing"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		hint     string // a part of the hint; empty when the number is fine
	}{
		{"+15550001111", "+15550001111", ""},
		{" +1 (555) 000-1111\n", "+15550001111", ""},
		{"+49.30.1234567", "+49301234567", ""},
		{"15550001111", "", "international format"},
		{"", "", "no phone number"},
		{"+1555abc1111", "", "only digits"},
		{"+123", "", "too few"},
		{"+1234567890123456", "", "too many"},
	}
	for _, tt := range tests {
		got, hint := normalizePhone(tt.in)
		if got != tt.want || !strings.Contains(hint, tt.hint) || (tt.hint == "") != (hint == "") {
			t.Errorf("normalizePhone(%q) = %q, %q; want %q and a hint with %q", tt.in, got, hint, tt.want, tt.hint)
		}
		if hint != "" && tt.in != "" && strings.Contains(hint, strings.TrimSpace(tt.in)) {
			t.Errorf("the hint %q echoes the number", hint)
		}
	}
}

// script is a Prompter that answers from a list and records what it asked
// and told.
type script struct {
	answers []string
	asked   []string
	told    []string
}

func (s *script) Ask(_ context.Context, q string, _ bool) (string, error) {
	s.asked = append(s.asked, q)
	if len(s.answers) == 0 {
		return "", errors.New("no answer")
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	return a, nil
}

func (s *script) Tell(msg string) { s.told = append(s.told, msg) }

// fakeAuth is an account with a code and, when password is set, 2FA. The
// code goes to the app, or by email when email is set.
type fakeAuth struct {
	code, password string
	email          bool
	signIns        int
}

func (f *fakeAuth) Status(context.Context) (*auth.Status, error) { return &auth.Status{}, nil }

func (f *fakeAuth) SendCode(context.Context, string, auth.SendCodeOptions) (tg.AuthSentCodeClass, error) {
	if f.email {
		return &tg.AuthSentCode{Type: &tg.AuthSentCodeTypeEmailCode{EmailPattern: "o****@example.com", Length: 3}, PhoneCodeHash: "hash"}, nil
	}
	return &tg.AuthSentCode{Type: &tg.AuthSentCodeTypeApp{Length: 3}, PhoneCodeHash: "hash"}, nil
}

func (f *fakeAuth) SignIn(_ context.Context, _, code, _ string) (*tg.AuthAuthorization, error) {
	if f.email { // no code went to the phone
		return nil, tgerr.New(400, "PHONE_CODE_INVALID")
	}
	return f.check(code, "PHONE_CODE_INVALID")
}

func (f *fakeAuth) SignInEmail(_ context.Context, _, code, _ string) (*tg.AuthAuthorization, error) {
	if !f.email {
		return nil, tgerr.New(400, "PHONE_CODE_EMPTY")
	}
	return f.check(code, "EMAIL_CODE_INVALID")
}

func (f *fakeAuth) check(code, wrong string) (*tg.AuthAuthorization, error) {
	f.signIns++
	switch {
	case code != f.code:
		return nil, tgerr.New(400, wrong)
	case f.password != "":
		return nil, auth.ErrPasswordAuthNeeded
	}
	return &tg.AuthAuthorization{}, nil
}

func (f *fakeAuth) Password(_ context.Context, pw string) (*tg.AuthAuthorization, error) {
	if pw != f.password {
		return nil, auth.ErrPasswordInvalid
	}
	return &tg.AuthAuthorization{}, nil
}

func TestSignInRetries(t *testing.T) {
	tests := []struct {
		name     string
		password string
		email    bool // the code goes by email
		answers  []string
		wantErr  error // nil: signed in
		told     int   // lines told: hints, and where an emailed code went
	}{
		{name: "right away", answers: []string{"+15550001111", "111"}},
		{name: "phone without +", answers: []string{"15550001111", "+15550001111", "111"}, told: 1},
		{name: "code mistyped twice", answers: []string{"+15550001111", "1", "2", "111"}, told: 2},
		{name: "code mistyped three times", answers: []string{"+15550001111", "1", "2", "3", "111"}, wantErr: errWrongCode, told: 2},
		{name: "answers run out after a wrong code", answers: []string{"+15550001111", "1"}, wantErr: errWrongCode, told: 1},
		{name: "password mistyped", password: "pw", answers: []string{"+15550001111", "111", "x", "pw"}, told: 1},
		{name: "password mistyped three times", password: "pw", answers: []string{"+15550001111", "111", "x", "y", "z"}, wantErr: errWrongPassword, told: 2},
		{name: "email code", email: true, answers: []string{"+15550001111", "111"}, told: 1},
		{name: "email code mistyped", email: true, answers: []string{"+15550001111", "1", "111"}, told: 2},
		{name: "email code mistyped three times", email: true, answers: []string{"+15550001111", "1", "2", "3"}, wantErr: errWrongCode, told: 3},
		{name: "email code and password", email: true, password: "pw", answers: []string{"+15550001111", "111", "pw"}, told: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &script{answers: tt.answers}
			err := signIn(context.Background(), &fakeAuth{code: "111", password: tt.password, email: tt.email}, "", p)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("signIn: %v, want %v", err, tt.wantErr)
			}
			if len(p.told) != tt.told {
				t.Errorf("told %q, want %d hints", p.told, tt.told)
			}
		})
	}
}
