package emulator

import "unicode/utf16"

// Telegram's limits on a message's text, in UTF-16 code units: TDLib's
// options message_text_length_max (4096) and message_caption_length_max
// (1024 for accounts without Premium), checked by MessagesManager with
// utf8_utf16_length; the server answers MESSAGE_TOO_LONG and
// MEDIA_CAPTION_TOO_LONG (core.telegram.org/method/messages.sendMessage,
// messages.editMessage, messages.sendMedia).
const (
	maxMessageLength = 4096
	maxCaptionLength = 1024
)

// tooLong reports whether text is longer than limit UTF-16 code units: an
// emoji outside the Basic Multilingual Plane counts twice.
func tooLong(text string, limit int) bool {
	if len(text) <= limit { // every UTF-8 byte sequence is at least as long as its UTF-16 form
		return false
	}
	n := 0
	for _, r := range text {
		n += utf16.RuneLen(r)
		if n > limit {
			return true
		}
	}
	return false
}
