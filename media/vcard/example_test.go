package vcard_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"persona/media/vcard"
)

// Reading a file card by card, and matching each card to a contact by its
// phones; a damaged card is named and skipped.
func Example() {
	const file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nTEL;TYPE=CELL:07700 900123\r\n" +
		"PHOTO;VALUE=uri:https://example.com/ann.jpg\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Stone;Bob\r\nTEL:+1 555 0100\r\n" +
		"PHOTO;ENCODING=BASE64;JPEG:not base64!\r\n\r\nEND:VCARD\r\n"
	m := vcard.NewMatcher([]vcard.Contact{{ID: 1, Phone: "447700900123"}})
	r := vcard.NewReader(strings.NewReader(file), vcard.Limits{})
	for {
		card, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			fmt.Println("❌", err)
			return
		}
		if card.Problem != nil {
			fmt.Printf("card %d (%s): %v\n", card.Index, card.Name, errors.Unwrap(card.Problem))
			continue
		}
		match := m.Match(card.Phones)
		fmt.Printf("card %d (%s): %v %d, photo link %s\n", card.Index, card.Name, match.Result, match.ID, card.PhotoLink)
	}
	// Output:
	// card 1 (Ann Lee): matched 1, photo link https://example.com/ann.jpg
	// card 2 (Bob Stone): the photo's base64 does not decode
}
