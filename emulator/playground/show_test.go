package playground

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/gotd/td/tg"
)

func TestShow(t *testing.T) {
	reply := func(id, to, edited int, text string) tg.MessageClass {
		m := &tg.Message{ID: id, Message: text, EditDate: edited}
		if to != 0 {
			m.ReplyTo = &tg.MessageReplyHeader{ReplyToMsgID: to}
		}
		return m
	}
	s := newShown()
	s.posted[1] = true
	var out strings.Builder
	steps := []struct {
		msgs []tg.MessageClass
		want string
	}{
		{[]tg.MessageClass{reply(1, 0, 0, "/setphoto @a")}, ""},
		{[]tg.MessageClass{reply(1, 0, 0, "/setphoto @a"), reply(2, 1, 0, "⏳ uploading")}, "#2 reply to #1 › ⏳ uploading\n"},
		{[]tg.MessageClass{reply(1, 0, 0, "/setphoto @a"), reply(2, 1, 0, "⏳ uploading")}, ""},
		{[]tg.MessageClass{reply(2, 1, 7, "❌ 1 of 2 failed\n✅ @a: set")}, "#2 reply to #1, edited › ❌ 1 of 2 failed\n                         ✅ @a: set\n"},
		{[]tg.MessageClass{reply(3, 0, 0, "⏲ timer")}, "#3 › ⏲ timer\n"},
	}
	for i, st := range steps {
		out.Reset()
		s.show(&out, st.msgs)
		if out.String() != st.want {
			t.Errorf("step %d printed %q, want %q", i, out.String(), st.want)
		}
	}
}

func TestWithEmoji(t *testing.T) {
	for _, text := range []string{"", "/setphoto @bob", "/setphoto 😀 @bob bg=#112233"} {
		got, ents := withEmoji(text, 77)
		e, ok := ents[0].(*tg.MessageEntityCustomEmoji)
		u := utf16.Encode([]rune(got))
		if len(ents) != 1 || !ok || e.DocumentID != 77 || string(utf16.Decode(u[e.Offset:e.Offset+e.Length])) != "🙂" {
			t.Errorf("withEmoji(%q) = %q, %+v: the entity does not cover the emoji", text, got, ents)
		}
	}
}
