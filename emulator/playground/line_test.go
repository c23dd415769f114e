package playground

import (
	"bytes"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    line
		wantErr string
	}{
		{in: "/setphoto @alice", want: line{text: "/setphoto @alice"}},
		{in: "  photo   /setphoto @alice  ", want: line{kind: "photo", text: "/setphoto @alice"}},
		{in: "photo", want: line{kind: "photo"}},
		{in: "png /setphoto @bob", want: line{kind: "png", text: "/setphoto @bob"}},
		{in: "jpeg\t/setphoto @bob", want: line{kind: "jpeg", text: "/setphoto @bob"}},
		{in: "gif /setphoto @bob frame=1", want: line{kind: "gif", text: "/setphoto @bob frame=1"}},
		{in: "sticker", want: line{kind: "sticker"}},
		{in: "sticker animated", want: line{kind: "animated sticker"}},
		{in: "sticker video", want: line{kind: "video sticker"}},
		{in: "sticker /setphoto @alice", wantErr: "no caption"},
		{in: "emoji /setphoto @bob bg=#112233", want: line{kind: "emoji", text: "/setphoto @bob bg=#112233"}},
		{in: "reply 42 /setphoto @alice", want: line{replyTo: 42, text: "/setphoto @alice"}},
		{in: "reply 42 sticker", want: line{replyTo: 42, kind: "sticker"}},
		{in: `reply 7 "1: video from message 3" /setphoto @bob`, want: line{replyTo: 7, quote: "1: video from message 3", text: "/setphoto @bob"}},
		{in: `reply 7 "open /setphoto @bob`, wantErr: "between two"},
		{in: "reply x /setphoto", wantErr: "message id"},
		{in: "reply 0 /setphoto", wantErr: "message id"},
		{in: "reply 5", wantErr: "nothing to post"},
		{in: "forward reply 5 photo /setphoto @a", want: line{forward: true, replyTo: 5, kind: "photo", text: "/setphoto @a"}},
		{in: "dc4 photo /setphoto @a", want: line{dc4: true, kind: "photo", text: "/setphoto @a"}},
		{in: "reply 5 reply 6 hi", want: line{replyTo: 5, text: "reply 6 hi"}},
		{in: "help", want: line{do: doHelp}},
		{in: "help me", want: line{text: "help me"}},
		{in: "qr", want: line{do: doQR}},
		{in: "qr tg://login?token=AQID", want: line{do: doQR, token: []byte{1, 2, 3}}},
		{in: "qr https://t.me/x", wantErr: "tg://login"},
		{in: "qr tg://login?token=", wantErr: "no valid token"},
		{in: "edit 9 /reset @bob", want: line{do: doEdit, edit: 9, text: "/reset @bob"}},
		{in: "edit /reset", wantErr: "message id"},
		{in: "vcf /import", want: line{kind: "vcf", text: "/import"}},
		{in: "reply 4 vcf", want: line{replyTo: 4, kind: "vcf"}},
		{in: "@alice sets photo", want: line{do: doProfile, who: "alice", change: "sets photo"}},
		{in: "  @bob   sets   video ", want: line{do: doProfile, who: "bob", change: "sets video"}},
		{in: "@bob removes photo", want: line{do: doProfile, who: "bob", change: "removes photo"}},
		{in: "@bob removes video", want: line{text: "@bob removes video"}},
		{in: "@alice hello", want: line{text: "@alice hello"}},
		{in: "@ sets photo", want: line{text: "@ sets photo"}},
	}
	for _, tt := range tests {
		got, err := parse(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parse(%q) = %+v, %v; want an error saying %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !equal(got, tt.want) {
			t.Errorf("parse(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func equal(a, b line) bool {
	return a.do == b.do && a.replyTo == b.replyTo && a.quote == b.quote && a.forward == b.forward && a.dc4 == b.dc4 &&
		a.kind == b.kind && a.text == b.text && a.edit == b.edit && bytes.Equal(a.token, b.token) &&
		a.who == b.who && a.change == b.change
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"photo /setphoto @a", `reply 3 "q" sticker`, "qr tg://login?token=AQID", "edit 2 x", "forward emoji hi", "@alice sets photo", "vcf /import"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := parse(s)
		if err != nil {
			return
		}
		if l.do == doPost && l.kind == "" && l.text == "" && strings.TrimSpace(s) != "" {
			t.Errorf("parse(%q) posts nothing", s)
		}
		if l.replyTo < 0 || l.edit < 0 || (l.kind != "" && !kinds[l.kind]) || (l.do == doProfile) != profileChanges[l.change] || (l.do == doProfile && l.who == "") {
			t.Errorf("parse(%q) = %+v", s, l)
		}
	})
}
