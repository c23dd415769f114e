package vcard

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// sniff checks that the file starts as a vCard (its first non-empty line
// is BEGIN:VCARD, after any UTF-8 byte order mark) and otherwise says what
// it looks like.
func (r *Reader) sniff() error {
	head, err := r.br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return err
	}
	if bytes.HasPrefix(head, utf8BOM) {
		_, _ = r.br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
	}
	text := bytes.TrimLeft(head, " \t\r\n")
	if len(text) >= len("BEGIN:VCARD") && equalFoldTrim(text[:len("BEGIN:VCARD")], "BEGIN:VCARD") {
		return nil
	}
	return &NotVCardError{What: describe(head)}
}

var utf8BOM = []byte("\xef\xbb\xbf")

// signatures are the first bytes of what people send by mistake.
var signatures = []struct {
	at    int
	magic string
	what  string
}{
	{0, "\xff\xd8\xff", "a JPEG image"},
	{0, "\x89PNG\r\n\x1a\n", "a PNG image"},
	{0, "GIF8", "a GIF image"},
	{8, "WEBP", "a WebP image"},
	{4, "ftyp", "a video or an HEIC image"},
	{0, "%PDF", "a PDF"},
	{0, "PK\x03\x04", "a ZIP archive (or a Word or Excel file)"},
	{0, "\x1f\x8b", "a gzip archive"},
	{0, "\xff\xfe", "UTF-16 text"},
	{0, "\xfe\xff", "UTF-16 text"},
}

// describe names what head looks like.
func describe(head []byte) string {
	for _, s := range signatures {
		if len(head) >= s.at+len(s.magic) && string(head[s.at:s.at+len(s.magic)]) == s.magic {
			return s.what
		}
	}
	text := bytes.TrimSpace(head)
	switch {
	case len(text) == 0:
		return "an empty file"
	case !isText(head):
		return "binary data"
	case hasPrefixFoldString(text, "BEGIN:VCALENDAR"):
		return "a calendar (iCalendar)"
	case hasPrefixFoldString(text, "<!DOCTYPE HTML"), hasPrefixFoldString(text, "<HTML"):
		return "a web page (HTML)"
	case text[0] == '<':
		return "XML"
	}
	firstLine, _, _ := bytes.Cut(text, []byte{'\n'})
	if bytes.Count(firstLine, []byte{','}) >= 2 {
		return "a CSV table"
	}
	return "plain text"
}

func hasPrefixFoldString(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// isText: valid UTF-8 (a rune cut at the end of the peek is fine) without
// control characters but whitespace.
func isText(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		if r < ' ' && r != '\t' && r != '\r' && r != '\n' || r == 0x7f {
			return false
		}
		b = b[size:]
	}
	return true
}
