package config

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-faster/errors"
)

// maxAppID is the largest api_id Telegram can carry: it is an int32 on the wire.
const maxAppID = math.MaxInt32

// minPhoneDigits rejects obvious typos without guessing at national formats.
const minPhoneDigits = 5

// buildTelegram checks the credentials after the env overrides were applied.
// Messages never include app_hash or phone values: both are personal.
func buildTelegram(t *Telegram, f *file) error {
	in := f.Telegram
	var problems []error
	// Both cases get the same hint: a wrong id usually means a copy mistake.
	idHint := ": get your api_id at " + telegramAppsPage + " (API development tools) and set it here or in " + EnvAppID
	switch {
	case in.AppID == 0:
		problems = append(problems, errors.New("telegram.app_id is missing"+idHint))
	case in.AppID < 0 || in.AppID > maxAppID:
		problems = append(problems, errors.New("telegram.app_id must be a positive whole number"+idHint))
	}
	hash := strings.TrimSpace(in.AppHash)
	if hash == "" {
		problems = append(problems, errors.New("telegram.app_hash is missing: get your api_hash at "+
			telegramAppsPage+" (API development tools) and set it here or in "+EnvAppHash))
	}
	phone := strings.TrimSpace(in.Phone)
	if phone != "" && !validPhone(phone) {
		problems = append(problems, errors.New("telegram.phone does not look like a phone number: "+
			"use digits with an optional leading +, like +15550001111, or leave it empty to be asked at login"))
	}
	*t = Telegram{AppID: in.AppID, AppHash: hash, Phone: phone}
	return errors.Join(problems...)
}

// validPhone accepts what people copy from contact cards: an optional +,
// digits, spaces, dashes and parentheses, with at least minPhoneDigits digits.
func validPhone(s string) bool {
	digits := 0
	for _, r := range strings.TrimPrefix(s, "+") {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= minPhoneDigits
}

// replyMarks begin every reply; a prefix starting with one of them would
// make Persona's own replies look like commands.
var replyMarks = []rune{'✅', '❌'}

// checkPrefix keeps the prefix short and made of symbols: a letter or digit
// would turn ordinary notes in Saved Messages into commands.
func checkPrefix(p string) error {
	n := utf8.RuneCountInString(p)
	if !utf8.ValidString(p) || n < 1 || n > 3 {
		return errors.New(`bot.prefix must be 1 to 3 characters, like "/" or "!"`)
	}
	for i, r := range p {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			return errors.New("bot.prefix must not contain spaces or control characters")
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r):
			return errors.New(`bot.prefix must not contain letters or digits: use symbols like "/" or "!"`)
		case i == 0 && slices.Contains(replyMarks, r):
			return errors.New("bot.prefix must not start with ✅ or ❌: Persona's replies start with them")
		}
	}
	return nil
}

var levels = []string{"debug", "info", "warn", "error"}

// checkLevel accepts any letter case, since "INFO" is a common spelling, and
// returns the level lower-cased.
func checkLevel(l string) (string, error) {
	l = strings.ToLower(strings.TrimSpace(l))
	if slices.Contains(levels, l) {
		return l, nil
	}
	return DefaultLogLevel, errors.New("log.level must be one of " + strings.Join(levels, ", "))
}

var formats = []string{"text", "json"}

// checkFormat accepts "text" or "json" in any letter case.
func checkFormat(f string) (string, error) {
	f = strings.ToLower(strings.TrimSpace(f))
	if slices.Contains(formats, f) {
		return f, nil
	}
	return "", errors.New("log.format must be one of " + strings.Join(formats, ", "))
}

// checkTimezone reads bot.timezone, an IANA name such as "Europe/Berlin"
// or "UTC", with Go's own zone database as the fallback (time/tzdata).
func checkTimezone(name string) (*time.Location, error) {
	if strings.TrimSpace(name) == "" {
		return time.Local, errors.New("bot.timezone is empty: remove it to show times in the zone Persona runs in (TZ), or name one like \"Europe/Berlin\"")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.Local, errors.Errorf("bot.timezone %q is not a time zone: use an IANA name like \"Europe/Berlin\", \"America/New_York\" or \"UTC\"", name)
	}
	return loc, nil
}
