package vcard

import (
	"bytes"
	"fmt"
	"io"
)

// cardReader reads the properties of one card, after its BEGIN:VCARD, up
// to its END:VCARD.
type cardReader struct {
	r     *Reader
	card  Card
	fn, n string
}

func (c *cardReader) read() (Card, error) {
	for {
		p, rest, err := c.r.property()
		if err == io.EOF {
			c.damage(fmt.Errorf("%w: the file ends inside it", ErrNoEnd))
			return c.done(), nil
		}
		if err != nil {
			return Card{}, err
		}
		end, err := c.take(p, rest)
		if err != nil {
			return Card{}, err
		}
		if end {
			return c.done(), nil
		}
	}
}

// take reads one property, and says whether it ended the card.
func (c *cardReader) take(p property, rest []byte) (end bool, err error) {
	limits := c.r.limits
	switch p.name {
	case "END":
		return c.r.isVCard(rest), nil
	case "BEGIN":
		if !c.r.isVCard(rest) {
			return false, nil
		}
		// A card begins before this one ended: this one is damaged, and
		// the next one is read from here.
		c.r.begun = true
		c.damage(fmt.Errorf("%w: the next card begins inside it", ErrNoEnd))
		return true, nil
	case "FN", "N", "TEL":
		return false, c.takeText(p, rest)
	case "PHOTO":
		return false, c.takePhoto(p, rest)
	}
	max := limits.MaxLine
	c.r.lines.qp = p.encoding == "QUOTED-PRINTABLE" // 2.1's LABEL, NOTE…
	if p.isBase64Encoding() {
		c.r.lines.base64 = true
		max = limits.maxBase64Line() // a LOGO or a SOUND: skipped, bounded alike
	}
	tooLong, err := c.r.stream(rest, max, func([]byte) {})
	if tooLong {
		c.damage(fmt.Errorf("%w: %s is over %s", ErrLineTooLong, p.name, sizeText(max)))
	}
	return false, err
}

func (c *cardReader) takeText(p property, rest []byte) error {
	c.r.lines.qp = p.encoding == "QUOTED-PRINTABLE"
	raw, tooLong, err := c.r.text(rest, c.r.limits.MaxLine)
	if err != nil {
		return err
	}
	if tooLong {
		c.damage(fmt.Errorf("%w: %s is over %s", ErrLineTooLong, p.name, sizeText(c.r.limits.MaxLine)))
		return nil
	}
	switch v := textValue(p, raw); {
	case p.name == "FN" && c.fn == "":
		c.fn = cleanName(v)
	case p.name == "N" && c.n == "":
		c.n = nameFromN(v)
	case p.name == "TEL":
		c.addPhone(cleanPhone(v))
	}
	return nil
}

func (c *cardReader) addPhone(phone string) {
	if phone == "" {
		return
	}
	if len(c.card.Phones) == c.r.limits.MaxPhones {
		c.damage(fmt.Errorf("%w: more than %d", ErrTooManyPhones, c.r.limits.MaxPhones))
		return
	}
	c.card.Phones = append(c.card.Phones, phone)
}

// takePhoto reads the card's first PHOTO; any other is skipped.
func (c *cardReader) takePhoto(p property, rest []byte) error {
	limits := c.r.limits
	max := limits.maxBase64Line()
	if c.card.Photo != nil || c.card.PhotoLink != "" {
		c.r.lines.base64 = p.isBase64Encoding()
		_, err := c.r.stream(rest, max, func([]byte) {})
		return err
	}
	if p.isBase64Encoding() || isBareBase64(p, rest) {
		c.r.lines.base64 = true
		d := newBase64Decoder(limits.MaxPhoto, &c.r.photo)
		tooLong, err := c.r.stream(rest, max, d.Write)
		if err != nil {
			return err
		}
		photo, problem := d.Close()
		if tooLong && problem == nil {
			problem = fmt.Errorf("%w: over %s", ErrPhotoTooLarge, sizeText(limits.MaxPhoto))
		}
		c.setPhoto(photo, imageType(p.typ), problem)
		return nil
	}
	u := &photoURI{maxPhoto: limits.MaxPhoto, maxLink: limits.MaxLine, scratch: &c.r.photo}
	tooLong, err := c.r.stream(rest, max, u.Write)
	if err != nil {
		return err
	}
	photo, link, problem := u.Close()
	if tooLong && problem == nil {
		problem = fmt.Errorf("%w: over %s", ErrPhotoTooLarge, sizeText(limits.MaxPhoto))
	}
	c.card.PhotoLink = link
	typ := u.typ
	if typ == "" {
		typ = imageType(p.typ)
	}
	c.setPhoto(photo, typ, problem)
	return nil
}

// isBareBase64 says whether a PHOTO without ENCODING is base64 all the
// same, as some exporters write it: its value does not start with a URI
// scheme ("data:", "https:"), as base64 has no ':'.
func isBareBase64(p property, value []byte) bool {
	if p.value == "URI" || p.value == "URL" || len(bytes.TrimSpace(value)) == 0 {
		return false
	}
	i := bytes.IndexByte(value, ':')
	if i <= 0 || i > 32 {
		return true
	}
	for _, c := range value[:i] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return true
		}
	}
	return false
}

func (c *cardReader) setPhoto(photo []byte, typ string, problem error) {
	if problem != nil {
		c.damage(problem)
		return
	}
	if photo != nil {
		c.card.Photo, c.card.PhotoType = photo, typ
	}
}

// damage keeps the card's first problem: later ones often follow from it.
func (c *cardReader) damage(err error) {
	if c.card.Problem == nil {
		c.card.Problem = err
	}
}

func (c *cardReader) done() Card {
	c.card.Name = c.fn
	if c.card.Name == "" {
		c.card.Name = c.n
	}
	return c.card
}
