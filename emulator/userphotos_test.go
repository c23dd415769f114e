package emulator_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// TestUserPhotos covers photos.getUserPhotos: a user's own photos and
// videos, newest first, paged, each downloadable by its largest size.
func TestUserPhotos(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	_, c := loggedIn(t, e)
	ctx := testContext(t)
	alice := e.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice"})
	list := func(offset, limit int) tg.PhotosPhotosClass {
		t.Helper()
		res, err := c.api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{UserID: inputUser(alice), Offset: offset, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if got := list(0, 10).GetPhotos(); len(got) != 0 {
		t.Fatalf("%d photos before any was set", len(got))
	}
	first, second := emulator.JPEG(640, 640, 1000), emulator.JPEG(800, 800, 2000)
	clip, cover := emulator.MP4(640, 640, 3, 4096), emulator.JPEG(640, 640, 0)
	e.SetProfilePhoto(alice.ID, first)
	e.SetProfilePhoto(alice.ID, second)
	video := e.SetProfileVideo(alice.ID, clip, cover, 1.5)

	all := list(0, 10).GetPhotos()
	if len(all) != 3 || all[0].(*tg.Photo).ID != video.ID {
		t.Fatalf("list %v; want 3 photos, the video first", all)
	}
	page, ok := list(2, 1).(*tg.PhotosPhotosSlice)
	if !ok || page.Count != 3 || len(page.Photos) != 1 {
		t.Fatalf("page %+v; want a slice of 1 of 3", page)
	}
	oldest := page.Photos[0].(*tg.Photo)
	if got := downloadLargest(t, ctx, c, oldest, "y"); !bytes.Equal(got, first) {
		t.Fatal("the third photo's largest size is not the first JPEG set")
	}
	v, ok := video.VideoSizes[0].(*tg.VideoSize)
	if !ok || v.Type != "u" || v.VideoStartTs != 1.5 || v.W != 640 {
		t.Fatalf("video size %+v", video.VideoSizes)
	}
	if got := downloadLargest(t, ctx, c, all[0].(*tg.Photo), "u"); !bytes.Equal(got, clip) {
		t.Fatal("the video size is not the clip")
	}
	if u, ok := page.Users[0].(*tg.User); !ok || u.Photo.(*tg.UserProfilePhoto).PhotoID != video.ID {
		t.Fatalf("user %+v does not show the newest photo", page.Users)
	}
}

func downloadLargest(t *testing.T, ctx context.Context, c *client, p *tg.Photo, size string) []byte {
	t.Helper()
	data, _, err := download(ctx, c.api, photoLocation(p, size))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAddContact covers contacts.addContact and Telegram's refusals.
func TestAddContact(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	eve := e.AddUser(emulator.UserSpec{FirstName: "Eve", LastName: "Adams", Username: "eve"})
	bot := e.AddUser(emulator.UserSpec{FirstName: "Bot", Username: "somebot", Bot: true})
	gone := e.AddUser(emulator.UserSpec{Deleted: true})
	for _, tt := range []struct {
		name  string
		user  tg.InputUserClass
		first string
		want  string
	}{
		{"oneself", &tg.InputUserSelf{}, "Me", "CONTACT_ID_INVALID"},
		{"a bot", inputUser(bot), "Bot", "CONTACT_ID_INVALID"},
		{"a deleted account", inputUser(gone), "Gone", "CONTACT_ID_INVALID"},
		{"no first name", inputUser(eve), " ", "CONTACT_NAME_EMPTY"},
		{"unknown user", &tg.InputUser{UserID: 777}, "X", "USER_ID_INVALID"},
	} {
		_, err := c.api.ContactsAddContact(ctx, &tg.ContactsAddContactRequest{ID: tt.user, FirstName: tt.first})
		if !tgerr.Is(err, tt.want) {
			t.Errorf("%s: %v; want %s", tt.name, err, tt.want)
		}
	}
	if e.IsContact(a.ID, eve.ID) {
		t.Fatal("eve is a contact before being added")
	}
	res, err := c.api.ContactsAddContact(ctx, &tg.ContactsAddContactRequest{ID: inputUser(eve), FirstName: "Eve", LastName: "Adams"})
	if err != nil {
		t.Fatal(err)
	}
	if !e.IsContact(a.ID, eve.ID) {
		t.Fatal("eve is not a contact after contacts.addContact")
	}
	if u := res.(*tg.Updates).Users[0].(*tg.User); !u.Contact {
		t.Fatalf("the answer's user %+v is not a contact", u)
	}
}
