package emulator_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gotd/td/session"
	"github.com/gotd/td/telegram/updates"
	"github.com/gotd/td/tg"

	"persona/emulator"
)

// largestSize is the type of the photo size with the most pixels, a
// photoSize or a photoSizeProgressive.
func largestSize(p *tg.Photo) string {
	best, area := "", 0
	for _, s := range p.Sizes {
		var typ string
		var w, h int
		switch s := s.(type) {
		case *tg.PhotoSize:
			typ, w, h = s.Type, s.W, s.H
		case *tg.PhotoSizeProgressive:
			typ, w, h = s.Type, s.W, s.H
		}
		if typ != "" && w*h > area {
			best, area = typ, w*h
		}
	}
	return best
}

// commandPhoto waits for the pushed command and downloads its photo.
func commandPhoto(t *testing.T, ctx context.Context, c *client, in *inbox, id int, text string) []byte {
	t.Helper()
	msg := in.next(t, ctx, withText(text)).(*tg.Message)
	if msg.ID != id || !msg.Out {
		t.Fatalf("pushed command: id %d out %v, want id %d, outgoing", msg.ID, msg.Out, id)
	}
	photo := msg.Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	data, _, err := download(ctx, c.api, photoLocation(photo, largestSize(photo)))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	return data
}

// Issue acceptance 1: a plain gotd client logs in with 2FA, gets a photo
// pushed to Saved Messages and sets, suggests and resets a contact's photo.
func TestAcceptancePersonalPhoto(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := newAccount(e, "me", "hunter2")
	alice := e.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice", Phone: "+15550101"})
	e.AddContact(a.ID, alice.ID)
	ctx := testContext(t)
	in := newInbox()
	m := updates.New(updates.Config{Handler: in.d, Storage: newStateStore()})
	c := connect(t, e, nil, m)
	self := login(t, ctx, c, a)
	c.runUpdates(t, m, self.ID)

	resolved, err := c.api.ContactsResolveUsername(ctx, &tg.ContactsResolveUsernameRequest{Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	au := resolved.Users[0].(*tg.User)
	target := &tg.InputUser{UserID: au.ID, AccessHash: au.AccessHash}
	personal := func() (*tg.Photo, bool) {
		t.Helper()
		full, err := c.api.UsersGetFullUser(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		p, ok := full.FullUser.GetPersonalPhoto()
		if !ok {
			return nil, false
		}
		return p.(*tg.Photo), true
	}

	// Set: save + file.
	src := emulator.JPEG(800, 600, 300*1024)
	id, err := e.Post(a.ID, emulator.Message{Text: "/setphoto @alice", Media: emulator.Photo(src)})
	if err != nil {
		t.Fatal(err)
	}
	data := commandPhoto(t, ctx, c, in, id, "/setphoto @alice")
	res, err := c.api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Save: true, UserID: target, File: upload(t, ctx, c, "photo.jpg", data),
	})
	if err != nil {
		t.Fatal(err)
	}
	set := res.Photo.(*tg.Photo)
	if p, ok := personal(); !ok || p.ID != set.ID {
		t.Fatalf("users.getFullUser personal photo = %v, want %d", p, set.ID)
	}
	pp, ok := e.PersonalPhoto(a.ID, alice.ID)
	if !ok || pp.Kind != "photo" || !bytes.Equal(pp.Data, src) {
		t.Fatalf("emulator's personal photo: %v %s, %d bytes; want the %d source bytes", ok, pp.Kind, len(pp.Data), len(src))
	}

	// Suggest: suggest + file, a service message in the chat with alice.
	src2 := emulator.JPEG(320, 320, 0)
	id, err = e.Post(a.ID, emulator.Message{Text: "/suggest @alice", Media: emulator.Photo(src2)})
	if err != nil {
		t.Fatal(err)
	}
	data = commandPhoto(t, ctx, c, in, id, "/suggest @alice")
	res, err = c.api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{
		Suggest: true, UserID: target, File: upload(t, ctx, c, "suggest.jpg", data),
	})
	if err != nil {
		t.Fatal(err)
	}
	suggested := res.Photo.(*tg.Photo)
	svc := in.next(t, ctx, func(m tg.MessageClass) bool {
		s, ok := m.(*tg.MessageService)
		return ok && s.PeerID.(*tg.PeerUser).UserID == alice.ID
	}).(*tg.MessageService)
	if act, ok := svc.Action.(*tg.MessageActionSuggestProfilePhoto); !ok || !svc.Out || act.Photo.(*tg.Photo).ID != suggested.ID {
		t.Fatalf("pushed service message = %+v, want the outgoing suggestion", svc)
	}
	if s := e.Suggestions(a.ID, alice.ID); len(s) != 1 || s[0].ID != suggested.ID {
		t.Fatalf("Suggestions = %v, want [%d]", s, suggested.ID)
	}
	if theirs := e.History(alice.ID, a.ID); len(theirs) != 1 || theirs[0].(*tg.MessageService).Out {
		t.Errorf("alice's chat = %v, want the incoming suggestion", theirs)
	}
	if p, ok := personal(); !ok || p.ID != set.ID {
		t.Errorf("a suggestion changed the personal photo to %v", p)
	}
	if got, _, err := download(ctx, c.api, photoLocation(suggested, largestSize(suggested))); err != nil || !bytes.Equal(got, src2) {
		t.Errorf("suggested photo differs from its source (%v)", err)
	}

	// Reset: save with no media.
	res, err = c.api.PhotosUploadContactProfilePhoto(ctx, &tg.PhotosUploadContactProfilePhotoRequest{Save: true, UserID: target})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Photo.(*tg.PhotoEmpty); !ok {
		t.Errorf("reset answered %T, want photoEmpty", res.Photo)
	}
	if p, ok := personal(); ok {
		t.Fatalf("personal photo %d after reset", p.ID)
	}
	if _, ok := e.PersonalPhoto(a.ID, alice.ID); ok {
		t.Fatal("the emulator still has a personal photo after reset")
	}
}

// Issue acceptance 2: what was posted while the client was away arrives
// through updates.getDifference when it comes back with its stored state.
func TestAcceptanceDifferenceAfterRestart(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := newAccount(e, "me", "")
	ctx := testContext(t)
	sessions, states := &session.StorageMemory{}, newStateStore()
	run := func() (*client, *inbox) {
		in := newInbox()
		m := updates.New(updates.Config{Handler: in.d, Storage: states})
		c := connect(t, e, sessions, m)
		self := login(t, ctx, c, a) // a no-op with a stored session
		c.runUpdates(t, m, self.ID)
		return c, in
	}

	c, in := run()
	if _, err := e.Post(a.ID, emulator.Message{Text: "while online"}); err != nil {
		t.Fatal(err)
	}
	in.next(t, ctx, withText("while online"))
	c.stop(t)

	away := e.LastSeq()
	id, err := e.Post(a.ID, emulator.Message{Text: "while away"})
	if err != nil {
		t.Fatal(err)
	}
	_, in = run()
	got := in.next(t, ctx, withText("while away"))
	if got.GetID() != id {
		t.Errorf("message id %d, want %d", got.GetID(), id)
	}
	if n := len(e.Calls("auth.signIn")); n != 1 {
		t.Errorf("%d sign-ins, want the session reused", n)
	}
	found := false
	for _, ev := range e.Events()[away:] {
		if d, ok := ev.Result.(*tg.UpdatesDifference); ok && ev.Method == "updates.getDifference" {
			found = found || countText(d.NewMessages, "while away") == 1
		}
	}
	if !found {
		t.Error("the message did not come through updates.getDifference")
	}
}
