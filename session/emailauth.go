package session

import (
	"context"

	"github.com/go-faster/errors"

	"github.com/gotd/td/telegram/auth"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"
)

// codeClient is gotd's auth client with a sign-in by emailed code, which
// gotd's SignIn cannot send: it fills phone_code only.
type codeClient struct {
	*auth.Client
	api *tg.Client
}

var _ authClient = codeClient{}

// SignInEmail signs in with a code Telegram sent by email: auth.signIn with
// email_verification = emailVerificationCode and no phone_code, as TDLib's
// AuthManager::send_auth_sign_in_query does. It answers as gotd's SignIn
// does, so the login handles both alike.
func (c codeClient) SignInEmail(ctx context.Context, phone, code, codeHash string) (*tg.AuthAuthorization, error) {
	a, err := c.api.AuthSignIn(ctx, &tg.AuthSignInRequest{
		PhoneNumber:       phone,
		PhoneCodeHash:     codeHash,
		EmailVerification: &tg.EmailVerificationCode{Code: code},
	})
	if tgerr.Is(err, "SESSION_PASSWORD_NEEDED") {
		return nil, auth.ErrPasswordAuthNeeded
	}
	if err != nil {
		return nil, errors.Wrap(err, "sign in")
	}
	switch a := a.(type) {
	case *tg.AuthAuthorization:
		return a, nil
	case *tg.AuthAuthorizationSignUpRequired:
		return nil, errNoAccount
	}
	return nil, errors.Errorf("unexpected answer to auth.signIn: %T", a)
}
