package handlers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/gotd/td/tg"

	"persona/handlers/command"
	"persona/internal/usererr"
	"persona/storage"
)

// historyline.go: a /history line says where its photo came from ("from
// message N (options)"), and a reply to that answer is read back from it.

// entryOptions shows the frame= and bg= of an entry in /history, in the
// form historyEntry reads back: " (frame=2.5 bg=#112233,#445566)".
func entryOptions(e storage.PhotoEntry) string {
	var opts []string
	if e.Frame != nil {
		opts = append(opts, "frame="+strconv.FormatFloat(*e.Frame, 'f', -1, 64))
	}
	if len(e.BG) > 0 {
		cs := make([]string, len(e.BG))
		for i, c := range e.BG {
			cs[i] = fmt.Sprintf("#%06X", c)
		}
		opts = append(opts, "bg="+strings.Join(cs, ","))
	}
	if len(opts) == 0 {
		return ""
	}
	return " (" + strings.Join(opts, " ") + ")"
}

// historyHeader starts the answer of /history (after the ✅).
const historyHeader = "personal photos of "

// entryLine finds the source message and options in a line of /history.
var entryLine = regexp.MustCompile(`from message (\d+)(?: \(([^)]*)\))?`)

// historyRef is the entry of a /history answer that a command replies to.
type historyRef struct {
	sourceMsgID int
	opts        command.Look // the frame= and bg= it was set with
}

// historyEntry reads which entry of our /history answer replied is meant:
// the one whose line the reply quotes (select it, then Reply, in any
// Telegram app), or the only one listed. isHistory is false for any other
// message. Our own answer is read back rather than the journal, which
// forgets answers after 30 days.
func historyEntry(replied *tg.Message, h *tg.MessageReplyHeader) (ref historyRef, isHistory bool, err error) {
	text := replied.Message
	if !replied.Out || !strings.HasPrefix(text, "✅ "+historyHeader) {
		return historyRef{}, false, nil
	}
	_, lines, _ := strings.Cut(text, "\n")
	quoted := false
	if q, ok := h.GetQuoteText(); ok && strings.TrimSpace(q) != "" {
		off, _ := h.GetQuoteOffset()
		if lines, quoted = quotedLines(text, q, off); !quoted {
			return historyRef{}, true, usererr.New("the quoted text is not in that /history answer; quote one of its lines")
		}
	}
	found := entryLine.FindAllStringSubmatch(lines, -1)
	switch {
	case len(found) == 1:
		return parseEntry(found[0])
	case quoted && len(found) == 0:
		return historyRef{}, true, usererr.New("the quoted part of /history names no photo; quote a line that says “from message”")
	case len(found) == 0:
		return historyRef{}, true, usererr.New("that /history answer lists no photo to set again")
	}
	if quoted {
		return historyRef{}, true, usererr.New(fmt.Sprintf("the quote covers %d photos of /history; which one? Quote just its line", len(found)))
	}
	return historyRef{}, true, usererr.New(fmt.Sprintf(
		"the /history answer lists %d photos; which one? Quote its line (select it, then Reply) or reply to its source message", len(found)))
}

// quotedLines returns the whole lines of text that the quote touches, found
// at Telegram's quote offset (UTF-16 units) or, failing that, anywhere.
func quotedLines(text, quote string, offsetUTF16 int) (string, bool) {
	at := byteOffset(text, offsetUTF16)
	if at < 0 || !strings.HasPrefix(text[at:], quote) {
		if at = strings.Index(text, quote); at < 0 {
			return "", false
		}
	}
	start := strings.LastIndexByte(text[:at], '\n') + 1
	end := at + len(quote)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		end += i
	} else {
		end = len(text)
	}
	return text[start:end], true
}

// byteOffset converts an offset in UTF-16 units into one in bytes of s, or
// -1 when it is not on a character boundary within s.
func byteOffset(s string, units int) int {
	n := 0
	for i, r := range s {
		if n == units {
			return i
		}
		n += len(utf16.Encode([]rune{r}))
	}
	if n == units {
		return len(s)
	}
	return -1
}

// parseEntry turns an entryLine match into the source message and the
// options, read as /setphoto reads them.
func parseEntry(m []string) (historyRef, bool, error) {
	id, err := strconv.Atoi(m[1])
	if err != nil {
		return historyRef{}, true, usererr.New("that /history line names no message")
	}
	ref := historyRef{sourceMsgID: id}
	if m[2] == "" {
		return ref, true, nil
	}
	opts, err := command.ParseOptions(m[2], "frame", "bg")
	if err != nil {
		return historyRef{}, true, usererr.New("the options of that /history line cannot be read: " + m[2])
	}
	ref.opts = opts.Look()
	return ref, true, nil
}
