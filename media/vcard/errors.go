package vcard

import (
	"errors"
	"fmt"
)

// Errors that end the file: Next returns them and nothing after.
var (
	// ErrFileTooLarge: the file is longer than Limits.MaxFile.
	ErrFileTooLarge = errors.New("the file is over the size limit")
)

// NotVCardError says that the file is not a vCard at all (its first
// non-empty line is not BEGIN:VCARD), and what it looks like instead.
type NotVCardError struct {
	What string // "a JPEG image", "a PDF", "plain text", "binary data"…
}

func (e *NotVCardError) Error() string {
	return fmt.Sprintf("not a vCard file: it looks like %s", e.What)
}

// Problems that damage one card (Card.Problem): the caller skips that card,
// names it, and goes on with the next one. Each is wrapped with details;
// test with errors.Is.
var (
	ErrNoEnd         = errors.New("the card has no END:VCARD")
	ErrBadBase64     = errors.New("the photo's base64 does not decode")
	ErrBadDataURI    = errors.New("the photo's data: URI is not base64")
	ErrPhotoTooLarge = errors.New("the photo is over the size limit")
	ErrTooManyPhones = errors.New("the card has too many phone numbers")
	ErrLineTooLong   = errors.New("a line of the card is over the length limit")
)
