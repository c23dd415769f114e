package emulator_test

import (
	"strings"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestMessageTooLong: a text over 4096 UTF-16 units is refused on send and
// on edit with MESSAGE_TOO_LONG; an emoji counts two units, so 2048 emoji
// fit and one more does not.
func TestMessageTooLong(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	_, c := loggedIn(t, e)
	ctx := testContext(t)
	send := func(text string, randomID int64) (tg.UpdatesClass, error) {
		return c.api.MessagesSendMessage(ctx, &tg.MessagesSendMessageRequest{Peer: &tg.InputPeerSelf{}, Message: text, RandomID: randomID})
	}
	for i, tt := range []struct {
		name string
		text string
		ok   bool
	}{
		{"4096 letters", strings.Repeat("a", 4096), true},
		{"4097 letters", strings.Repeat("a", 4097), false},
		{"4096 Cyrillic letters (8192 bytes)", strings.Repeat("ж", 4096), true},
		{"2048 emoji", strings.Repeat("😀", 2048), true},
		{"2048 emoji and a letter", strings.Repeat("😀", 2048) + "a", false},
	} {
		_, err := send(tt.text, int64(100+i))
		if tt.ok && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if !tt.ok && !tgerr.Is(err, "MESSAGE_TOO_LONG") {
			t.Errorf("%s: got %v, want MESSAGE_TOO_LONG", tt.name, err)
		}
	}

	res, err := send("short", 1)
	if err != nil {
		t.Fatal(err)
	}
	msg := sent(t, res, 1)
	_, err = c.api.MessagesEditMessage(ctx, &tg.MessagesEditMessageRequest{Peer: &tg.InputPeerSelf{}, ID: msg.ID, Message: strings.Repeat("😀", 2049)})
	if !tgerr.Is(err, "MESSAGE_TOO_LONG") {
		t.Errorf("edit to 4098 units: got %v, want MESSAGE_TOO_LONG", err)
	}
}
