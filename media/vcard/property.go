package vcard

import (
	"bytes"
	"errors"
	"strings"
)

// property is what a content line's head says: "item1.TEL;TYPE=CELL:" is
// the property TEL. Names and parameters are matched without case
// (RFC 6350 §3.3, vCard 2.1 §2.1.2).
type property struct {
	name     string // upper case, without its group ("item1.")
	encoding string // ENCODING, upper case: "B", "BASE64", "QUOTED-PRINTABLE"
	charset  string // CHARSET, upper case (vCard 2.1)
	value    string // VALUE, upper case: "URI", "URL"
	typ      string // the first TYPE (or 2.1 bare parameter, or MEDIATYPE)
}

// maxHead bounds a line's head (name and parameters): far above any
// exporter's, and kept in memory until its ':'.
const maxHead = 4 << 10

var (
	errNoColon  = errors.New("a line without ':'")
	errLongHead = errors.New("a line's name and parameters are too long")
)

// readHead reads the current logical line up to its ':' (outside quotes:
// RFC 6350 §3.3 allows quoted parameter values) and returns the head and
// the start of the value, which is valid until lines.next is called.
func readHead(l *lines, buf []byte) (head, rest []byte, err error) {
	head = buf[:0]
	quoted := false
	for {
		p, ok, err := l.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return head, nil, errNoColon
		}
		for i, c := range p {
			switch {
			case c == '"':
				quoted = !quoted
			case c == ':' && !quoted:
				head = append(head, p[:i]...)
				return head, p[i+1:], nil
			}
		}
		if len(head)+len(p) > maxHead {
			return head, nil, errLongHead
		}
		head = append(head, p...)
	}
}

// encodings: words that 2.1 writes as bare parameters ("PHOTO;BASE64;JPEG").
var encodings = map[string]bool{"B": true, "BASE64": true, "QUOTED-PRINTABLE": true, "8BIT": true, "7BIT": true}

// parseHead reads a head: "group.NAME;PARAM=VALUE;BARE".
func parseHead(head []byte) property {
	parts := splitUnquoted(head, ';')
	var p property
	p.name = strings.ToUpper(strings.TrimSpace(string(parts[0])))
	if i := strings.LastIndexByte(p.name, '.'); i >= 0 {
		p.name = p.name[i+1:]
	}
	for _, part := range parts[1:] {
		key, val, found := bytes.Cut(part, []byte{'='})
		k := strings.ToUpper(strings.TrimSpace(string(key)))
		if !found { // vCard 2.1 §2.1.2: a bare value names its parameter by itself
			switch {
			case encodings[k]:
				p.encoding = k
			case p.typ == "":
				p.typ = k
			}
			continue
		}
		v := strings.ToUpper(strings.Trim(strings.TrimSpace(string(val)), `"`))
		switch k {
		case "ENCODING":
			p.encoding = v
		case "CHARSET":
			p.charset = v
		case "VALUE":
			p.value = v
		case "TYPE", "MEDIATYPE":
			if p.typ == "" {
				p.typ, _, _ = strings.Cut(v, ",")
			}
		}
	}
	return p
}

// splitUnquoted splits s at sep outside double quotes.
func splitUnquoted(s []byte, sep byte) [][]byte {
	var parts [][]byte
	quoted, start := false, 0
	for i, c := range s {
		switch {
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// isBase64Encoding: "ENCODING=b" (3.0, RFC 2426 §5), "ENCODING=BASE64" (2.1).
func (p property) isBase64Encoding() bool {
	return p.encoding == "B" || p.encoding == "BASE64"
}

// imageType names a declared image type the way exporters mean it:
// "JPEG" for TYPE=JPEG, TYPE=image/jpeg, MEDIATYPE=image/jpeg or a bare JPG.
func imageType(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	t = strings.TrimPrefix(t, "IMAGE/")
	if t == "JPG" {
		return "JPEG"
	}
	return t
}
