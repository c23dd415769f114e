package session

import (
	"context"
	"strings"
	"testing"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
)

func TestCodePrompt(t *testing.T) {
	tests := []struct {
		typ   tg.AuthSentCodeTypeClass
		want  string
		email bool
	}{
		{&tg.AuthSentCodeTypeApp{Length: 5}, "Login code (sent to your Telegram app): ", false},
		{&tg.AuthSentCodeTypeSMS{Length: 5}, "Login code (sent by SMS): ", false},
		{&tg.AuthSentCodeTypeFirebaseSMS{Length: 5}, "Login code (sent by SMS): ", false},
		{&tg.AuthSentCodeTypeSMSWord{Beginning: "b"}, `Login code (the word sent by SMS, starting with "b"): `, false},
		{&tg.AuthSentCodeTypeSMSWord{}, "Login code (the word sent by SMS): ", false},
		{&tg.AuthSentCodeTypeSMSPhrase{Beginning: "blue"}, `Login code (the phrase sent by SMS, starting with "blue"): `, false},
		{&tg.AuthSentCodeTypeCall{Length: 5}, "Login code (told in a phone call): ", false},
		{&tg.AuthSentCodeTypeFlashCall{Pattern: "+1555***"}, "Login code (the number that calls you, matching +1555***): ", false},
		{&tg.AuthSentCodeTypeMissedCall{Prefix: "+1555", Length: 4}, "Login code (the last 4 digits of the number that calls you, which starts +1555): ", false},
		{&tg.AuthSentCodeTypeFragmentSMS{URL: "https://fragment.com/x", Length: 5}, "Login code (shown on Fragment: https://fragment.com/x): ", false},
		{&tg.AuthSentCodeTypeEmailCode{EmailPattern: "a***@example.com", Length: 6}, "Login code (sent by email to a***@example.com): ", true},
		{nil, "Login code: ", false},
	}
	for _, tt := range tests {
		d, err := deliveryOf(tt.typ)
		if err != nil || d.prompt() != tt.want || d.email != tt.email {
			t.Errorf("%T: prompt %q, email %v, err %v; want %q, %v", tt.typ, d.prompt(), d.email, err, tt.want, tt.email)
		}
	}
}

// sentOnly is an account for which Telegram sends no code: auth.sendCode
// answers sent.
type sentOnly struct {
	fakeAuth
	sent tg.AuthSentCodeClass
}

func (s *sentOnly) SendCode(context.Context, string, auth.SendCodeOptions) (tg.AuthSentCodeClass, error) {
	return s.sent, nil
}

// TestSignInNoCodeSent: when no code will come, login says what to do and
// asks nothing after the phone.
func TestSignInNoCodeSent(t *testing.T) {
	tests := []struct {
		name string
		sent tg.AuthSentCodeClass
		want error
		says string
	}{
		{"login email to set up", &tg.AuthSentCode{Type: &tg.AuthSentCodeTypeSetUpEmailRequired{}, PhoneCodeHash: "h"}, errEmailSetupRequired, "login email"},
		{"payment", &tg.AuthSentCodePaymentRequired{PhoneCodeHash: "h"}, errPaymentRequired, "payment"},
		{"payment with a contact", &tg.AuthSentCodePaymentRequired{PhoneCodeHash: "h", SupportEmailAddress: "sms@telegram.org", SupportEmailSubject: "Login"}, errPaymentRequired, `questions to sms@telegram.org, subject "Login"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &script{answers: []string{"+15550001111", "111", "111"}}
			err := signIn(context.Background(), &sentOnly{sent: tt.sent}, "", p)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "official Telegram app") {
				t.Fatalf("signIn: %v, want %v saying %q", err, tt.want, tt.says)
			}
			if len(p.asked) != 1 {
				t.Errorf("asked %q, want the phone only", p.asked)
			}
		})
	}
}
