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

// photoStory is the fixture of TestAcceptancePersonalPhoto: a client with
// updates and its inbox, and alice, the contact whose photo it changes, as
// the client resolved her.
type photoStory struct {
	ctx    context.Context
	e      *emulator.Emulator
	a      account
	c      *client
	in     *inbox
	alice  emulator.User
	target *tg.InputUser
}

// newPhotoStory logs a 2FA account in with a plain gotd client that runs
// its updates manager, and resolves its contact alice by username.
func newPhotoStory(t *testing.T) photoStory {
	e := start(t, emulator.Options{})
	s := photoStory{ctx: testContext(t), e: e, a: newAccount(e, "me", "hunter2"), in: newInbox()}
	s.alice = e.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice", Phone: "+15550101"})
	e.AddContact(s.a.ID, s.alice.ID)
	m := updates.New(updates.Config{Handler: s.in.d, Storage: newStateStore()})
	s.c = connect(t, e, nil, m)
	self := login(t, s.ctx, s.c, s.a)
	s.c.runUpdates(t, m, self.ID)
	resolved, err := s.c.api.ContactsResolveUsername(s.ctx, &tg.ContactsResolveUsernameRequest{Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	au := resolved.Users[0].(*tg.User)
	s.target = &tg.InputUser{UserID: au.ID, AccessHash: au.AccessHash}
	return s
}

// personal is alice's personal photo as users.getFullUser shows it.
func (s photoStory) personal(t *testing.T) (*tg.Photo, bool) {
	t.Helper()
	full, err := s.c.api.UsersGetFullUser(s.ctx, s.target)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := full.FullUser.GetPersonalPhoto()
	if !ok {
		return nil, false
	}
	return p.(*tg.Photo), true
}

// fromCommand posts text with a photo of src to Saved Messages, as the user
// sends a command, and uploads the photo the client downloads from it as
// alice's contact photo with req's flags.
func (s photoStory) fromCommand(t *testing.T, text string, src []byte, name string, req *tg.PhotosUploadContactProfilePhotoRequest) *tg.Photo {
	t.Helper()
	id, err := s.e.Post(s.a.ID, emulator.Message{Text: text, Media: emulator.Photo(src)})
	if err != nil {
		t.Fatal(err)
	}
	data := commandPhoto(t, s.ctx, s.c, s.in, id, text)
	req.UserID, req.File = s.target, upload(t, s.ctx, s.c, name, data)
	res, err := s.c.api.PhotosUploadContactProfilePhoto(s.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	return res.Photo.(*tg.Photo)
}

// Issue acceptance 1: a plain gotd client logs in with 2FA, gets a photo
// pushed to Saved Messages and sets, suggests and resets a contact's photo.
func TestAcceptancePersonalPhoto(t *testing.T) {
	t.Parallel()
	s := newPhotoStory(t)
	var set *tg.Photo
	if !t.Run("save with a file sets the contact's personal photo", func(t *testing.T) { set = s.setPhoto(t) }) {
		return // the steps after it compare with the photo it sets
	}
	t.Run("suggest sends the photo to the contact and keeps the personal one", func(t *testing.T) { s.suggestPhoto(t, set) })
	t.Run("save without a file removes the personal photo", s.resetPhoto)
}

// setPhoto: save + file.
func (s photoStory) setPhoto(t *testing.T) *tg.Photo {
	src := emulator.JPEG(800, 600, 300*1024)
	set := s.fromCommand(t, "/setphoto @alice", src, "photo.jpg", &tg.PhotosUploadContactProfilePhotoRequest{Save: true})
	if p, ok := s.personal(t); !ok || p.ID != set.ID {
		t.Fatalf("users.getFullUser personal photo = %v, want %d", p, set.ID)
	}
	pp, ok := s.e.PersonalPhoto(s.a.ID, s.alice.ID)
	if !ok || pp.Kind != "photo" || !bytes.Equal(pp.Data, src) {
		t.Fatalf("emulator's personal photo: %v %s, %d bytes; want the %d source bytes", ok, pp.Kind, len(pp.Data), len(src))
	}
	return set
}

// suggestPhoto: suggest + file, a service message in the chat with alice.
func (s photoStory) suggestPhoto(t *testing.T, set *tg.Photo) {
	src := emulator.JPEG(320, 320, 0)
	suggested := s.fromCommand(t, "/suggest @alice", src, "suggest.jpg", &tg.PhotosUploadContactProfilePhotoRequest{Suggest: true})
	svc := s.in.next(t, s.ctx, func(m tg.MessageClass) bool {
		svc, ok := m.(*tg.MessageService)
		return ok && svc.PeerID.(*tg.PeerUser).UserID == s.alice.ID
	}).(*tg.MessageService)
	if act, ok := svc.Action.(*tg.MessageActionSuggestProfilePhoto); !ok || !svc.Out || act.Photo.(*tg.Photo).ID != suggested.ID {
		t.Fatalf("pushed service message = %+v, want the outgoing suggestion", svc)
	}
	if got := s.e.Suggestions(s.a.ID, s.alice.ID); len(got) != 1 || got[0].ID != suggested.ID {
		t.Fatalf("Suggestions = %v, want [%d]", got, suggested.ID)
	}
	if theirs := s.e.History(s.alice.ID, s.a.ID); len(theirs) != 1 || theirs[0].(*tg.MessageService).Out {
		t.Errorf("alice's chat = %v, want the incoming suggestion", theirs)
	}
	if p, ok := s.personal(t); !ok || p.ID != set.ID {
		t.Errorf("a suggestion changed the personal photo to %v", p)
	}
	if got, _, err := download(s.ctx, s.c.api, photoLocation(suggested, largestSize(suggested))); err != nil || !bytes.Equal(got, src) {
		t.Errorf("suggested photo differs from its source (%v)", err)
	}
}

// resetPhoto: save with no media.
func (s photoStory) resetPhoto(t *testing.T) {
	res, err := s.c.api.PhotosUploadContactProfilePhoto(s.ctx, &tg.PhotosUploadContactProfilePhotoRequest{Save: true, UserID: s.target})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Photo.(*tg.PhotoEmpty); !ok {
		t.Errorf("reset answered %T, want photoEmpty", res.Photo)
	}
	if p, ok := s.personal(t); ok {
		t.Fatalf("personal photo %d after reset", p.ID)
	}
	if _, ok := s.e.PersonalPhoto(s.a.ID, s.alice.ID); ok {
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
