package session

import (
	"fmt"

	"github.com/go-faster/errors"

	"github.com/gotd/td/tg"
)

// delivery is where Telegram sent the login code (auth.sentCode's type),
// in the words of the prompt, and how the code is signed in with.
type delivery struct {
	where string // "sent by SMS", after "Login code (" in the prompt
	email bool   // auth.signIn takes it as email_verification, not phone_code
}

func (d delivery) prompt() string {
	if d.where == "" {
		return "Login code: "
	}
	return "Login code (" + d.where + "): "
}

// deliveryOf names each code type as TDLib's td_api.tl names the matching
// authenticationCodeType (SendCodeHelper::get_authentication_code_info maps
// one to the other; AuthManager::on_sent_code handles the email ones).
// Flash and missed calls are named too, though login asks for neither.
func deliveryOf(t tg.AuthSentCodeTypeClass) (delivery, error) {
	switch t := t.(type) {
	case *tg.AuthSentCodeTypeApp:
		return delivery{where: "sent to your Telegram app"}, nil
	case *tg.AuthSentCodeTypeSMS, *tg.AuthSentCodeTypeFirebaseSMS:
		return delivery{where: "sent by SMS"}, nil
	case *tg.AuthSentCodeTypeSMSWord:
		return delivery{where: "the word sent by SMS" + startingWith(t.Beginning)}, nil
	case *tg.AuthSentCodeTypeSMSPhrase:
		return delivery{where: "the phrase sent by SMS" + startingWith(t.Beginning)}, nil
	case *tg.AuthSentCodeTypeCall:
		return delivery{where: "told in a phone call"}, nil
	case *tg.AuthSentCodeTypeFlashCall:
		return delivery{where: "the number that calls you, matching " + t.Pattern}, nil
	case *tg.AuthSentCodeTypeMissedCall:
		return delivery{where: fmt.Sprintf("the last %d digits of the number that calls you, which starts %s", t.Length, t.Prefix)}, nil
	case *tg.AuthSentCodeTypeFragmentSMS:
		return delivery{where: "shown on Fragment: " + t.URL}, nil
	case *tg.AuthSentCodeTypeEmailCode:
		return delivery{where: "sent by email to " + t.EmailPattern, email: true}, nil
	case *tg.AuthSentCodeTypeSetUpEmailRequired:
		return delivery{}, errEmailSetupRequired
	}
	return delivery{}, nil // a type newer than this build: ask all the same
}

func startingWith(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(", starting with %q", s)
}

// Logins that no code can finish: Telegram sends none until the account
// does something in an official app (TDLib's WaitEmailAddress and
// WaitPremiumPurchase states). A phone already logged in can still sign
// Persona in by QR code, which needs no code.
const qrHint = `or, with a phone already logged in, run "persona login -qr" and scan the code`

var (
	errEmailSetupRequired = errors.New("Telegram sends this account's login code only by email, and it has no login email yet: " +
		"log in with an official Telegram app, which asks you to set one up, then run login again; " + qrHint)
	errPaymentRequired = errors.New("Telegram sends a login code to this phone number only after a payment")
)

// paymentRequired says what auth.sentCodePaymentRequired asks and what to
// do, with Telegram's contact for questions when it gave one.
func paymentRequired(p *tg.AuthSentCodePaymentRequired) error {
	contact := ""
	if p.SupportEmailAddress != "" {
		contact = fmt.Sprintf("; questions to %s, subject %q", p.SupportEmailAddress, p.SupportEmailSubject)
	}
	return fmt.Errorf("%w (Telegram Premium%s): log in with an official Telegram app and pay there, then run login again; %s",
		errPaymentRequired, contact, qrHint)
}
