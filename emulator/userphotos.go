package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// ownPhotos are the users' own public profile photos, newest first, as
// photos.getUserPhotos lists them; user.photo is the newest. Guarded by
// Emulator.mu.
type ownPhotos map[int64][]*tg.Photo

func (w *world) ownPhotosOf(userID int64) []*tg.Photo {
	if w.own == nil {
		return nil
	}
	return w.own[userID]
}

// addOwnPhoto makes p the user's current profile photo, the older ones
// moving one place down the list.
func (w *world) addOwnPhoto(u *user, p *tg.Photo) {
	if w.own == nil {
		w.own = ownPhotos{}
	}
	w.own[u.id] = append([]*tg.Photo{p}, w.own[u.id]...)
	u.photo = p
	if f := w.files[p.ID]; f != nil {
		f.owner = u.id
	}
}

// DeleteProfilePhoto deletes one of the user's own profile photos as they
// would from their app (photos.deletePhotos; TDLib
// UserManager::delete_profile_photo). Deleting the current one makes the
// one before it current, as Telegram's apps show after a deletion, or
// leaves the user with no photo (userProfilePhotoEmpty). The photo's files
// can no longer be downloaded (see locate). Their contacts' sessions get
// updateUser when the current photo changed. It reports whether the user
// had the photo.
func (e *Emulator) DeleteProfilePhoto(userID, photoID int64) (found bool) {
	e.mu.Lock()
	u := e.world.users[userID]
	if u == nil {
		e.mu.Unlock()
		return false
	}
	wasCurrent := u.photo != nil && u.photo.ID == photoID
	found = e.world.deleteOwnPhoto(u, photoID)
	var pushes []push
	if found && wasCurrent {
		pushes = e.world.userChanged(userID, int(e.now().Unix()))
	}
	e.mu.Unlock()
	e.deliver(pushes)
	return found
}

// deleteOwnPhoto removes the photo from the user's list, makes the newest
// left current and marks its file deleted.
func (w *world) deleteOwnPhoto(u *user, photoID int64) bool {
	list := w.ownPhotosOf(u.id)
	for i, p := range list {
		if p.ID != photoID {
			continue
		}
		w.own[u.id] = append(list[:i:i], list[i+1:]...)
		if f := w.files[photoID]; f != nil {
			f.deleted = true
		}
		u.photo = nil
		if len(w.own[u.id]) > 0 {
			u.photo = w.own[u.id][0]
		}
		return true
	}
	return false
}

// SetPhotoPrivacy sets who sees the user's own profile photos: with
// contactsOnly, only the people the user has as contacts (and the user),
// as the privacy setting "Profile photos: My contacts" does
// (core.telegram.org/api/privacy, inputPrivacyKeyProfilePhoto with
// inputPrivacyValueAllowContacts; TDLib userPrivacySettingShowProfilePhoto).
// Everyone else gets the user without a photo, an empty
// photos.getUserPhotos, and no download of the photos' files.
func (e *Emulator) SetPhotoPrivacy(userID int64, contactsOnly bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.world.users[userID]; u != nil {
		u.photoContactsOnly = contactsOnly
	}
}

// ownPhotoVisible reports whether viewer may see u's own profile photos.
func (u *user) ownPhotoVisible(viewer int64) bool {
	return !u.photoContactsOnly || viewer == u.id || u.contacts[viewer]
}

// SetProfilePhoto changes the user's own profile photo as they would from
// any Telegram app: the JPEG becomes their current photo, the one before
// it number 2 of their list. It returns the photo as Telegram lists it.
// Their contacts' sessions get updateUser.
func (e *Emulator) SetProfilePhoto(userID int64, jpeg []byte) (p *tg.Photo) {
	e.changeUser(userID, func(u *user) {
		p = e.world.newPhoto(e.now(), u.dc, jpeg).photo
		e.world.addOwnPhoto(u, p)
	})
	return p
}

// SetProfileVideo makes the MP4 the user's current profile photo, a video
// whose still is cover (a JPEG) and whose cover frame is at coverTS
// seconds, as Telegram lists a video photo: the still's sizes, and the
// clip as a video size ("u") with video_start_ts.
func (e *Emulator) SetProfileVideo(userID int64, mp4, cover []byte, coverTS float64) (p *tg.Photo) {
	e.changeUser(userID, func(u *user) {
		p = e.profileVideo(u, mp4, cover, coverTS)
	})
	return p
}

func (e *Emulator) profileVideo(u *user, mp4, cover []byte, coverTS float64) *tg.Photo {
	f := e.world.newPhoto(e.now(), u.dc, cover)
	side := 800
	if info, ok := probeMP4(mp4); ok {
		side = info.w
	}
	f.sizes["u"] = mp4
	v := &tg.VideoSize{Type: "u", W: side, H: side, Size: len(mp4)}
	v.SetVideoStartTs(coverTS)
	f.photo.VideoSizes = []tg.VideoSizeClass{v}
	f.photo.SetFlags()
	e.world.addOwnPhoto(u, f.photo)
	return f.photo
}

// ProfilePhotos returns the user's own profile photos, newest first.
func (e *Emulator) ProfilePhotos(userID int64) []*tg.Photo {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]*tg.Photo(nil), e.world.ownPhotosOf(userID)...)
}

func (e *Emulator) registerUserPhotos(m map[uint32]method) {
	register(m, false, (*call).getUserPhotos)
	register(m, false, (*call).addContact)
}

// maxUserPhotos is Telegram's cap on one page of photos.getUserPhotos.
const maxUserPhotos = 100

// getUserPhotos lists a user's own profile photos newest first, paged by
// offset, max_id (only ids below it) and limit, as Telegram does: the
// whole list as photos.photos, a page of it as photos.photosSlice with the
// total count.
func (c *call) getUserPhotos(req *tg.PhotosGetUserPhotosRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	u, err := c.inputUser(req.UserID)
	if err != nil {
		return nil, err
	}
	var all []tg.PhotoClass
	for _, p := range w.visibleOwnPhotos(c.userID, u) {
		if req.MaxID <= 0 || p.ID < req.MaxID {
			all = append(all, w.fresh(p))
		}
	}
	limit := min(max(req.Limit, 0), maxUserPhotos)
	users := w.tgUsers(c.userID, u.id)
	if req.Offset <= 0 && len(all) <= limit {
		return &tg.PhotosPhotos{Photos: all, Users: users}, nil
	}
	from := min(max(req.Offset, 0), len(all))
	to := min(from+limit, len(all))
	return &tg.PhotosPhotosSlice{Count: len(all), Photos: all[from:to], Users: users}, nil
}

// visibleOwnPhotos are u's own photos as viewer may see them: none when
// u's privacy hides them.
func (w *world) visibleOwnPhotos(viewer int64, u *user) []*tg.Photo {
	if !u.ownPhotoVisible(viewer) {
		return nil
	}
	return w.ownPhotosOf(u.id)
}

// fresh is p with its current file reference (ExpireFileReferences rotates them).
func (w *world) fresh(p *tg.Photo) *tg.Photo {
	cp := *p
	if f := w.files[p.ID]; f != nil {
		cp.FileReference = f.ref
	}
	return &cp
}
