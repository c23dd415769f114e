package vcard

import (
	"bufio"
	"bytes"
	"io"
)

// lines hands out one logical (unfolded) line at a time, in pieces, so
// that a line is never held whole: a 10 MB line costs one buffer.
//
// A physical line continues the logical line when it starts with a space
// or a tab (folding: RFC 6350 §3.2, RFC 2425 §5.8.1 for 3.0, vCard 2.1
// §2.1.3), when quoted-printable text ended the previous line with "="
// (a soft line break, vCard 2.1 §2.1.3 and RFC 2045 §6.7), or, for a base64
// value, when it holds only base64: vCard 2.1 exporters that do not indent
// their base64 lines end the value with an empty line instead.
type lines struct {
	br     *bufio.Reader
	ended  bool // the current physical line's '\n' has been read
	done   bool // the current logical line has ended
	eof    bool // the input has ended
	last   byte // the last byte of the current physical line so far
	qp     bool // quoted-printable: "=" at a line's end joins the next one
	base64 bool // base64: a next line of base64 alone continues the value
}

// softBreak is what next hands out for a quoted-printable soft line break,
// so that the decoder can drop the "=" before it (see decodeQP).
var softBreak = []byte{'\n'}

func newLines(br *bufio.Reader) *lines {
	return &lines{br: br, done: true}
}

// begin starts the next logical line, after skipping what is left of the
// current one. It returns io.EOF when the input has ended.
func (l *lines) begin() error {
	if err := l.drain(); err != nil {
		return err
	}
	if l.eof {
		return io.EOF
	}
	if _, err := l.br.Peek(1); err != nil {
		return err
	}
	*l = lines{br: l.br}
	return nil
}

// next returns the next piece of the logical line (valid until the next
// call), or ok false at its end.
func (l *lines) next() (p []byte, ok bool, err error) {
	if l.done {
		return nil, false, nil
	}
	if l.ended {
		joined, soft, err := l.continues()
		if err != nil || !joined {
			l.done = true
			return nil, false, err
		}
		l.ended, l.last = false, 0
		if soft {
			return softBreak, true, nil
		}
	}
	p, err = l.br.ReadSlice('\n')
	switch err {
	case nil:
		l.ended = true
		p = trimCR(p[:len(p)-1])
	case bufio.ErrBufferFull:
	case io.EOF:
		l.ended, l.eof = true, true
		p = trimCR(p)
	default:
		return nil, false, err
	}
	if len(p) > 0 {
		l.last = p[len(p)-1]
	}
	return p, true, nil
}

// continues says whether the next physical line goes on with this logical
// line, and consumes the folding space if there is one.
func (l *lines) continues() (joined, soft bool, err error) {
	if l.eof {
		return false, false, nil
	}
	b, err := l.br.Peek(1)
	if err == io.EOF {
		return false, false, nil
	} else if err != nil {
		return false, false, err
	}
	switch {
	case l.qp && l.last == '=':
		return true, true, nil
	case b[0] == ' ' || b[0] == '\t':
		_, err := l.br.Discard(1)
		return err == nil, false, err
	case l.base64 && l.nextIsBase64():
		return true, false, nil
	}
	return false, false, nil
}

// nextIsBase64 peeks at the next physical line: it continues a base64
// value when it is not empty and holds base64 alone (a property's line
// always has a ':').
func (l *lines) nextIsBase64() bool {
	p, _ := l.br.Peek(4096) // a short peek at the end of the input is fine
	if i := bytes.IndexByte(p, '\n'); i >= 0 {
		p = p[:i]
	}
	p = trimCR(p)
	if len(p) == 0 {
		return false
	}
	for _, c := range p {
		if !isBase64Byte(c) {
			return false
		}
	}
	return true
}

// drain skips the rest of the logical line.
func (l *lines) drain() error {
	for {
		_, ok, err := l.next()
		if err != nil || !ok {
			return err
		}
	}
}

func trimCR(p []byte) []byte {
	if n := len(p); n > 0 && p[n-1] == '\r' {
		return p[:n-1]
	}
	return p
}

func isBase64Byte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t'
}
