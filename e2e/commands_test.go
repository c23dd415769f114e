package e2e_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// running is a logged-in world with its daemon ready.
func running(t *testing.T) (*world, *daemon) {
	t.Helper()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	return w, w.startDaemon(t)
}

func wantPrefix(t *testing.T, r *tg.Message, prefix string) {
	t.Helper()
	if !strings.HasPrefix(r.Message, prefix) {
		t.Fatalf("reply %q, want it to start with %q", r.Message, prefix)
	}
}

func TestSetPhoto(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	jpeg, media := photo()
	id := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "✅")
	if !strings.Contains(r.Message, "@alice") {
		t.Errorf("reply %q does not name @alice", r.Message)
	}

	reqs := w.uploads(t)
	if len(reqs) != 1 {
		t.Fatalf("%d %s calls, want 1", len(reqs), uploadMethod)
	}
	req := reqs[0]
	checkUser(t, req, w.alice)
	if !req.Save || req.Suggest || req.File == nil || req.Video != nil || req.VideoEmojiMarkup != nil {
		t.Fatalf("request flags: save=%v suggest=%v file=%v video=%v markup=%v; want save and file only",
			req.Save, req.Suggest, req.File != nil, req.Video != nil, req.VideoEmojiMarkup != nil)
	}
	pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID)
	if !ok {
		t.Fatal("no personal photo for @alice")
	}
	if pp.Kind != "photo" || !bytes.Equal(pp.Data, jpeg) {
		t.Fatalf("personal photo %s of %d bytes, want the posted JPEG of %d bytes", pp.Kind, len(pp.Data), len(jpeg))
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Error("@bob got a personal photo too")
	}
	if n := len(w.emu.Suggestions(w.me.ID, w.alice.ID)); n != 0 {
		t.Errorf("%d suggestions to @alice, want none", n)
	}
}

func TestSuggestByReply(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	photoMsg := w.post(t, emulator.Message{Text: "a nice one", Media: media})
	id := w.post(t, emulator.Message{Text: "/suggest @bob", ReplyTo: photoMsg})
	wantPrefix(t, w.waitReply(t, d, id), "✅")

	reqs := w.uploads(t)
	if len(reqs) != 1 {
		t.Fatalf("%d %s calls, want 1", len(reqs), uploadMethod)
	}
	req := reqs[0]
	checkUser(t, req, w.bob)
	if !req.Suggest || req.Save || req.File == nil {
		t.Fatalf("request flags: save=%v suggest=%v file=%v; want suggest and file", req.Save, req.Suggest, req.File != nil)
	}
	if n := len(w.emu.Suggestions(w.me.ID, w.bob.ID)); n != 1 {
		t.Fatalf("%d suggestions to @bob, want 1", n)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.bob.ID); ok {
		t.Error("a suggestion set a personal photo")
	}
	// The only message replying to the photo is the command: Persona
	// answers the command, not the photo.
	if r := w.emu.Replies(w.me.ID, photoMsg); len(r) != 1 || r[0].ID != id {
		t.Errorf("replies to the photo: %q", texts(r))
	}
}

func TestReset(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	set := w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})
	wantPrefix(t, w.waitReply(t, d, set), "✅")

	id := w.post(t, emulator.Message{Text: "/reset @alice"})
	wantPrefix(t, w.waitReply(t, d, id), "✅")
	reqs := w.uploads(t)
	if len(reqs) != 2 {
		t.Fatalf("%d %s calls, want 2", len(reqs), uploadMethod)
	}
	req := reqs[1]
	checkUser(t, req, w.alice)
	if !req.Save || req.Suggest || req.File != nil || req.Video != nil || req.VideoEmojiMarkup != nil {
		t.Fatalf("reset request: save=%v suggest=%v file=%v video=%v markup=%v; want save alone",
			req.Save, req.Suggest, req.File != nil, req.Video != nil, req.VideoEmojiMarkup != nil)
	}
	if _, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); ok {
		t.Fatal("@alice still has a personal photo")
	}

	id = w.post(t, emulator.Message{Text: "/reset @bob"})
	r := w.waitReply(t, d, id)
	wantPrefix(t, r, "❌")
	if !strings.Contains(r.Message, "no personal photo set for @bob") {
		t.Fatalf("reply %q, want it to say there is no personal photo for @bob", r.Message)
	}
}

func TestInfoCommands(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	_, media := photo()
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", Media: media})), "✅")

	words := []string{"/setphoto", "/suggest", "/reset", "/undo", "/history", "/list", "/help", "/status"}
	tests := []struct {
		text string
		want []string
	}{
		{"/list", []string{"@alice"}},
		{"/help", words},
		{"/help setphoto", []string{"frame=", "bg=", "for=", "suggest=yes"}},
		{"/status", []string{"Owner Persona", "1 contact"}},
		{"/history @alice", []string{"photo"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			r := w.waitReply(t, d, w.post(t, emulator.Message{Text: tt.text}))
			wantPrefix(t, r, "✅")
			for _, want := range tt.want {
				if !strings.Contains(r.Message, want) {
					t.Errorf("reply does not mention %q:\n%s", want, r.Message)
				}
			}
		})
	}
	if n := len(w.uploads(t)); n != 1 {
		t.Errorf("info commands made %d more %s calls", n-1, uploadMethod)
	}
}
