package command

import (
	"strconv"
	"strings"
)

const (
	maxFrame    = 10 // seconds: Telegram's limit for video_start_ts and profile videos
	maxDecimals = 3  // milliseconds: finer than any frame
	maxColours  = 4  // background_colors of video_emoji_markup take 1 to 4
)

// option is one key=value a command may take: how it is written, for
// "needs a value" errors, and how its value is read.
type option struct {
	example string
	parse   func(key, value string) (any, error)
}

// options are every option key; a Spec takes some of them. Each getter of
// Options reads the value its parse makes.
var options = map[string]option{
	"frame":   {"frame=2.5", func(_, v string) (any, error) { return parseFrame(v) }},
	"bg":      {"bg=#112233", func(_, v string) (any, error) { return parseColours(v) }},
	"for":     {"for=7d", func(_, v string) (any, error) { return parseDuration(v) }},
	"suggest": {"suggest=yes", func(k, v string) (any, error) { return parseYesNo(k, v) }},
	"add":     {"add=yes", func(k, v string) (any, error) { return parseYesNo(k, v) }},
	"photo":   {"photo=2", func(_, v string) (any, error) { return parsePhotoNumber(v) }},
	"replace": {"replace=yes", func(k, v string) (any, error) { return parseYesNo(k, v) }},
}

// setOption validates one key=value token against the command's spec and
// stores it. Errors name the option, the rule and what was typed.
// Keys are read in any letter case (For=1h, ADD=yes), as command words are.
func (p *parser) setOption(typed, value string) error {
	key := foldASCII(typed)
	name := p.prefix + p.spec.Name
	if !p.spec.accepts(key) {
		if len(p.spec.Options) == 0 {
			return userErrorf("unknown option %s: %s takes no options", quote(typed), name)
		}
		return userErrorf("unknown option %s for %s", quote(typed), name)
	}
	if p.seen[key] {
		return userErrorf("option %s given twice", key)
	}
	p.seen[key] = true
	opt := options[key]
	if value == "" {
		return userErrorf("option %s needs a value, e.g. %s", key, opt.example)
	}
	v, err := opt.parse(key, value)
	if err != nil {
		return err
	}
	if p.cmd.Options == nil {
		p.cmd.Options = Options{}
	}
	p.cmd.Options[key] = v
	return nil
}

// parseFrame reads frame=SECONDS. It accepts plain decimals only, not Go's
// float syntax, so "1e1", "0x5" and "Inf" are refused rather than surprising.
func parseFrame(v string) (float64, error) {
	body, negative := strings.CutPrefix(v, "-")
	whole, frac, _ := strings.Cut(body, ".")
	if whole+frac == "" || (whole != "" && !allDigits(whole)) || (frac != "" && !allDigits(frac)) {
		return 0, userErrorf("frame=%s is not a number of seconds: use e.g. frame=2.5", echo(v))
	}
	if len(frac) > maxDecimals {
		return 0, userErrorf("frame=%s has too many decimals: at most %d", echo(v), maxDecimals)
	}
	f, err := strconv.ParseFloat(body, 64)
	if err != nil || (negative && f != 0) || f > maxFrame {
		return 0, userErrorf("frame=%s is out of range: pick 0 to %d seconds", echo(v), maxFrame)
	}
	return f, nil // f is never -0: the sign was cut off before parsing
}

// parseColours reads bg=#RRGGBB[,#RRGGBB...].
func parseColours(v string) ([]uint32, error) {
	// Counted before splitting, so a token of thousands of commas is cheap.
	if n := strings.Count(v, ",") + 1; n > maxColours {
		return nil, userErrorf("bg takes 1 to %d colours, got %d", maxColours, n)
	}
	parts := strings.Split(v, ",")
	out := make([]uint32, 0, len(parts))
	for _, part := range parts {
		c, ok := parseColour(part)
		if !ok {
			if len(parts) == 1 {
				return nil, userErrorf("bg=%s is not a colour: use #RRGGBB", echo(v))
			}
			return nil, userErrorf("bg has %s, which is not a colour: use #RRGGBB", quote(part))
		}
		out = append(out, c)
	}
	return out, nil
}

func parseColour(s string) (uint32, bool) {
	if len(s) != 7 || s[0] != '#' {
		return 0, false
	}
	var c uint32
	for i := 1; i < len(s); i++ {
		d, ok := hexDigit(s[i])
		if !ok {
			return 0, false
		}
		c = c<<4 | d
	}
	return c, true
}

func hexDigit(c byte) (uint32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}

func parseYesNo(key, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes", "true":
		return true, nil
	case "no", "false":
		return false, nil
	}
	return false, userErrorf("%s=%s: use %s=yes or %s=no", key, echo(v), key, key)
}

// maxPhotoNumber bounds photo=N far above anyone's list of profile photos,
// so the number always fits the offset of photos.getUserPhotos.
const maxPhotoNumber = 10000

// parsePhotoNumber reads photo=N: which of the contact's own profile
// photos, counted from 1, their current one.
func parsePhotoNumber(v string) (int, error) {
	if !allDigits(v) {
		return 0, userErrorf("photo=%s is not a number: use e.g. photo=2 for their photo before the current one", echo(v))
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPhotoNumber {
		return 0, userErrorf("photo=%s is out of range: 1 is their current photo, 2 the one before, up to %d", echo(v), maxPhotoNumber)
	}
	return n, nil
}

// ParseOptions reads a text of key=value tokens alone, as a command that
// accepts keys reads them: the options a /history line shows for an entry.
func ParseOptions(text string, keys ...string) (Options, error) {
	p := parser{spec: Spec{Name: "options", Options: keys}, prefix: "/", seen: map[string]bool{}}
	for _, tok := range strings.Fields(text) {
		key, value, ok := strings.Cut(tok, "=")
		if !ok {
			return nil, userErrorf("unexpected %s: only options may follow", quote(tok))
		}
		if err := p.setOption(key, value); err != nil {
			return nil, err
		}
	}
	return p.cmd.Options, nil
}
