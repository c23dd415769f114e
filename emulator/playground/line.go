package playground

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-faster/errors"
)

// What a line can do besides posting a message.
const (
	doPost = iota
	doHelp
	doQR
	doEdit
	doProfile
)

// Changes a contact can make to their own profile photo in a profile line.
var profileChanges = map[string]bool{"sets photo": true, "sets video": true, "removes photo": true}

// Media kinds a line can attach; "" is a plain text message.
var kinds = map[string]bool{
	"photo": true, "png": true, "jpeg": true, "video": true, "gif": true, "round": true,
	"sticker": true, "animated sticker": true, "video sticker": true, "emoji": true, "vcf": true,
}

// line is one typed line, parsed.
type line struct {
	do      int
	replyTo int    // reply N: the message it replies to
	quote   string // reply N "…": the part of message N it quotes
	forward bool   // forwarded from a contact
	dc4     bool   // the media lives on DC 4, as a friend's photo may
	kind    string // a key of kinds, or "" for text only
	text    string // the text or caption
	edit    int    // edit N: the message whose text becomes text
	token   []byte // qr tg://login?token=…: the token scanned; nil for the newest
	who     string // @alice sets photo: the username, without @
	change  string // a key of profileChanges
}

// parse reads a typed line (see help.go for the syntax).
func parse(s string) (line, error) {
	word, rest := cut(s)
	switch word {
	case "help":
		if rest == "" {
			return line{do: doHelp}, nil
		}
	case "qr":
		return parseQR(rest)
	case "edit":
		id, text, err := messageID(rest, "edit")
		return line{do: doEdit, edit: id, text: text}, err
	}
	if l, ok := parseProfile(word, rest); ok {
		return l, nil
	}
	var l line
	for {
		word, rest := cut(s)
		switch {
		case word == "reply" && l.replyTo == 0:
			after, err := l.parseReply(rest)
			if err != nil {
				return line{}, err
			}
			s = after
		case word == "forward" && !l.forward:
			l.forward, s = true, rest
		case word == "dc4" && !l.dc4:
			l.dc4, s = true, rest
		default:
			return l, l.parseBody(s)
		}
	}
}

// parseReply reads `N ["quote"]` after "reply" and returns what follows.
func (l *line) parseReply(s string) (string, error) {
	id, rest, err := messageID(s, "reply")
	if err != nil {
		return "", err
	}
	if q, ok := strings.CutPrefix(rest, `"`); ok {
		quote, after, closed := strings.Cut(q, `"`)
		if !closed || quote == "" {
			return "", errors.New(`a quote goes between two ": reply 42 "1: photo from message 7" /setphoto @bob`)
		}
		l.quote, rest = quote, strings.TrimSpace(after)
	}
	l.replyTo = id
	return rest, nil
}

// parseBody reads `[kind] text`, the message itself.
func (l *line) parseBody(s string) error {
	word, rest := cut(s)
	switch {
	case word == "sticker":
		if sub, after := cut(rest); sub == "animated" || sub == "video" {
			word, rest = sub+" sticker", after
		}
		if rest != "" {
			return errors.New("a sticker has no caption: post it alone, then reply to it: reply N /setphoto @alice")
		}
		l.kind = word
	case kinds[word]:
		l.kind, l.text = word, rest
	default:
		l.text = s
	}
	if l.kind == "" && l.text == "" {
		return errors.New("nothing to post after reply or forward: reply 42 /setphoto @alice")
	}
	return nil
}

// parseProfile reads "@alice sets photo", "@alice sets video" or "@alice
// removes photo": a contact changing their own photo in their app. Any
// other line that starts with a username is a message.
func parseProfile(word, rest string) (line, bool) {
	name, ok := strings.CutPrefix(word, "@")
	verb, what := cut(rest)
	change := verb + " " + what
	if !ok || name == "" || !profileChanges[change] {
		return line{}, false
	}
	return line{do: doProfile, who: name, change: change}, true
}

// parseQR reads what follows "qr": nothing, or the tg://login URL a QR
// reader shows for the code.
func parseQR(s string) (line, error) {
	if s == "" {
		return line{do: doQR}, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "tg" || u.Host != "login" {
		return line{}, errors.New("qr takes nothing, or the tg://login?token=… URL of the code")
	}
	tok, err := base64.URLEncoding.DecodeString(u.Query().Get("token"))
	if err != nil || len(tok) == 0 {
		return line{}, errors.New("the tg://login URL has no valid token")
	}
	return line{do: doQR, token: tok}, nil
}

// messageID reads the message id that starts s.
func messageID(s, word string) (int, string, error) {
	n, rest := cut(s)
	id, err := strconv.Atoi(n)
	if err != nil || id <= 0 {
		return 0, "", errors.Errorf("%s takes a message id first, as printed: %s 42 …", word, word)
	}
	return id, rest, nil
}

// cut splits the first word off s; both come back trimmed.
func cut(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
