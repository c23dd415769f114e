package emulator_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// pushedUserUpdate waits for an updateUser about userID pushed to the
// account after seq, and returns the user the container carries.
func pushedUserUpdate(t *testing.T, ctx context.Context, e *emulator.Emulator, seq int, account, userID int64) *tg.User {
	t.Helper()
	var got *tg.User
	_, err := e.WaitEvent(ctx, seq, func(ev emulator.Event) bool {
		u, ok := ev.Result.(*tg.Updates)
		if ev.Kind != emulator.EventPush || ev.UserID != account || !ok {
			return false
		}
		for _, up := range u.Updates {
			if uu, ok := up.(*tg.UpdateUser); ok && uu.UserID == userID {
				for _, user := range u.Users {
					if user, ok := user.(*tg.User); ok && user.ID == userID {
						got = user
					}
				}
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no updateUser for %d pushed to %d: %v", userID, account, err)
	}
	return got
}

// currentPhotoID is the photo_id users.getUsers shows for u, 0 for none.
func currentPhotoID(t *testing.T, ctx context.Context, c *client, u emulator.User) int64 {
	t.Helper()
	users, err := c.api.UsersGetUsers(ctx, []tg.InputUserClass{inputUser(u)})
	if err != nil {
		t.Fatal(err)
	}
	switch p := users[0].(*tg.User).Photo.(type) {
	case *tg.UserProfilePhoto:
		return p.PhotoID
	case nil, *tg.UserProfilePhotoEmpty:
		return 0
	default:
		t.Fatalf("photo %T", p)
		return 0
	}
}

// TestContactChangesOwnPhoto covers a contact changing and deleting their
// own photo as their app would: updateUser to the owner, the new photo
// current, the previous one current again after a deletion, no photo after
// the last, and a deleted photo's file no longer downloadable.
func TestContactChangesOwnPhoto(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	alice := e.AddUser(emulator.UserSpec{FirstName: "Alice", Username: "alice"})
	e.AddContact(a.ID, alice.ID)

	seq := e.LastSeq()
	first := e.SetProfilePhoto(alice.ID, emulator.JPEG(640, 640, 100))
	if u := pushedUserUpdate(t, ctx, e, seq, a.ID, alice.ID); u == nil || u.Photo.(*tg.UserProfilePhoto).PhotoID != first.ID {
		t.Fatalf("updateUser carries %+v; want the new photo", u)
	}
	secondJPEG := emulator.JPEG(640, 640, 200)
	second := e.SetProfilePhoto(alice.ID, secondJPEG)
	if got := currentPhotoID(t, ctx, c, alice); got != second.ID {
		t.Fatalf("current photo %d; want the second, %d", got, second.ID)
	}
	old := downloadLargest(t, ctx, c, second, "y") // the client holds its location
	if !bytes.Equal(old, secondJPEG) {
		t.Fatal("the second photo downloads other bytes")
	}

	seq = e.LastSeq()
	if !e.DeleteProfilePhoto(alice.ID, second.ID) {
		t.Fatal("DeleteProfilePhoto did not find the current photo")
	}
	pushedUserUpdate(t, ctx, e, seq, a.ID, alice.ID)
	if got := currentPhotoID(t, ctx, c, alice); got != first.ID {
		t.Fatalf("after deleting the current photo, current is %d; want the first, %d", got, first.ID)
	}
	if _, _, err := download(ctx, c.api, photoLocation(second, "y")); !tgerr.Is(err, "FILE_REFERENCE_EXPIRED") {
		t.Fatalf("download of a deleted photo: %v; want FILE_REFERENCE_EXPIRED", err)
	}
	list, err := c.api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{UserID: inputUser(alice), Limit: 10, MaxID: second.ID + 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list.GetPhotos() {
		if p.GetID() == second.ID {
			t.Fatal("photos.getUserPhotos still lists the deleted photo, so a client could refresh its reference")
		}
	}

	seq = e.LastSeq()
	e.DeleteProfilePhoto(alice.ID, first.ID)
	u := pushedUserUpdate(t, ctx, e, seq, a.ID, alice.ID)
	if _, ok := u.GetPhoto(); ok {
		t.Fatalf("after deleting the last photo, updateUser's user has photo %v", u.Photo)
	}
	if got := currentPhotoID(t, ctx, c, alice); got != 0 {
		t.Fatalf("current photo %d; want none", got)
	}
	if e.DeleteProfilePhoto(alice.ID, first.ID) {
		t.Fatal("a photo deleted twice was found again")
	}
}

// TestContactProfileVideo covers a contact's own video photo: has_video on
// the user, the clip as video size "u" in getFullUser's profile_photo.
func TestContactProfileVideo(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	bob := e.AddUser(emulator.UserSpec{FirstName: "Bob", Username: "bob"})
	e.AddContact(a.ID, bob.ID)
	clip := emulator.MP4(640, 640, 3, 2048)
	video := e.SetProfileVideo(bob.ID, clip, emulator.JPEG(640, 640, 0), 0.5)

	full, err := c.api.UsersGetFullUser(ctx, inputUser(bob))
	if err != nil {
		t.Fatal(err)
	}
	if p := full.Users[0].(*tg.User).Photo.(*tg.UserProfilePhoto); !p.HasVideo || p.PhotoID != video.ID {
		t.Fatalf("user photo %+v; want the video, has_video", p)
	}
	pp, ok := full.FullUser.ProfilePhoto.(*tg.Photo)
	if !ok || pp.ID != video.ID {
		t.Fatalf("profile_photo %v; want the video", full.FullUser.ProfilePhoto)
	}
	if got := downloadLargest(t, ctx, c, pp, "u"); !bytes.Equal(got, clip) {
		t.Fatal("video size u is not the clip")
	}
}

// TestPhotoPrivacy covers a photo hidden from those who are not the user's
// contacts: no photo on the user, none in getFullUser or getUserPhotos, and
// no download of it, while a contact of theirs still sees it.
func TestPhotoPrivacy(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	carol := e.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "carol"})
	e.AddContact(a.ID, carol.ID) // ann has carol, carol has not ann
	p := e.SetProfilePhoto(carol.ID, emulator.JPEG(320, 320, 0))
	if got := currentPhotoID(t, ctx, c, carol); got != p.ID {
		t.Fatalf("photo %d visible before privacy; want %d", got, p.ID)
	}
	e.SetPhotoPrivacy(carol.ID, true)
	if got := currentPhotoID(t, ctx, c, carol); got != 0 {
		t.Fatalf("hidden photo shows as %d", got)
	}
	full, err := c.api.UsersGetFullUser(ctx, inputUser(carol))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := full.FullUser.GetProfilePhoto(); ok {
		t.Fatal("getFullUser gives the hidden photo")
	}
	list, err := c.api.PhotosGetUserPhotos(ctx, &tg.PhotosGetUserPhotosRequest{UserID: inputUser(carol), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(list.GetPhotos()); n != 0 {
		t.Fatalf("getUserPhotos lists %d hidden photos", n)
	}
	if _, _, err := download(ctx, c.api, photoLocation(p, "y")); !tgerr.Is(err, "FILE_REFERENCE_EXPIRED") {
		t.Fatalf("download of a hidden photo: %v; want FILE_REFERENCE_EXPIRED", err)
	}

	e.AddContact(carol.ID, a.ID) // now carol has ann: she sees it
	if got := currentPhotoID(t, ctx, c, carol); got != p.ID {
		t.Fatalf("a contact of carol's sees photo %d; want %d", got, p.ID)
	}
	if _, _, err := download(ctx, c.api, photoLocation(p, "y")); err != nil {
		t.Fatalf("a contact of carol's cannot download it: %v", err)
	}
}
