package config

import (
	"encoding/json"
	"fmt"
	"io"
)

// Configs get printed into logs and bug reports, and the app hash is a
// secret while the phone is personal data. Telegram therefore controls every
// way it can be printed: fmt verbs (including %+v and %#v, which bypass
// String), and JSON, which zap and slog use for structured fields.
var (
	_ fmt.Formatter  = Telegram{}
	_ fmt.Stringer   = Telegram{}
	_ fmt.GoStringer = Telegram{}
	_ json.Marshaler = Telegram{}
	_ fmt.Stringer   = (*Server)(nil)
	_ fmt.GoStringer = (*Server)(nil)
	_ json.Marshaler = (*Server)(nil)
)

const redacted = "[redacted]"

// redact keeps "unset" visible, which is what one looks for when debugging.
func redact(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

// telegramView is what may be shown of Telegram.
type telegramView struct {
	AppID   int     `json:"app_id"`
	AppHash string  `json:"app_hash"`
	Phone   string  `json:"phone"`
	Server  *Server `json:"server,omitempty"`
}

func (t Telegram) view() telegramView {
	return telegramView{AppID: t.AppID, AppHash: redact(t.AppHash), Phone: redact(t.Phone), Server: t.Server}
}

// String prints the fields with AppHash and Phone redacted.
func (t Telegram) String() string { return fmt.Sprintf("%+v", t.view()) }

// GoString is like String in Go syntax, for %#v.
func (t Telegram) GoString() string {
	v := t.view()
	return fmt.Sprintf("config.Telegram{AppID:%d, AppHash:%q, Phone:%q, Server:%#v}", v.AppID, v.AppHash, v.Phone, v.Server)
}

// Format routes every verb through String or GoString, so that no flag
// combination falls back to fmt's field-by-field printing.
func (t Telegram) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, t.GoString())
		return
	}
	_, _ = io.WriteString(f, t.String())
}

// MarshalJSON redacts like String.
func (t Telegram) MarshalJSON() ([]byte, error) { return json.Marshal(t.view()) }

// String names the server without dumping the key file's bytes.
func (s *Server) String() string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("{Address:%s DC:%d PublicKeyPath:%s}", s.Address, s.DC, s.PublicKeyPath)
}

// GoString is like String in Go syntax, for %#v.
func (s *Server) GoString() string {
	if s == nil {
		return "(*config.Server)(nil)"
	}
	return fmt.Sprintf("&config.Server{Address:%q, DC:%d, PublicKeyPath:%q}", s.Address, s.DC, s.PublicKeyPath)
}

// MarshalJSON leaves out the key file's bytes, like String.
func (s *Server) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Address       string `json:"address"`
		DC            int    `json:"dc"`
		PublicKeyPath string `json:"public_key"`
	}{s.Address, s.DC, s.PublicKeyPath})
}
