package handlers

import (
	"errors"
	"strings"
	"testing"

	"persona/internal/usererr"
	"persona/media/vcard"
)

// FuzzReadCards: any file is read to its end or refused in words for the
// user (never an error the chat would show as a failure), its cards
// numbered from 1 in order, and every card's check of its photo returns.
func FuzzReadCards(f *testing.F) {
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nTEL:+1 555 0100\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\nEND:VCARD\r\n"))
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;JPEG:iVBORw0KGgo=\r\n\r\nBEGIN:VCARD\r\nEND:VCARD"))
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, file []byte) {
		next := 1
		err := readCards(strings.NewReader(string(file)), "f.vcf", func(c vcard.Card) bool {
			if c.Index != next {
				t.Fatalf("card %d, want %d", c.Index, next)
			}
			next++
			if c.Photo != nil {
				_ = checkCardPhoto(c.Photo)
			}
			return false
		})
		var ue *usererr.Error
		if err != nil && !errors.As(err, &ue) {
			t.Fatalf("error %v is not worded for the user", err)
		}
	})
}
