package emulator

import (
	"time"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

// PersonalPhoto is a photo an account set for one of its contacts, as the
// emulator received it.
type PersonalPhoto struct {
	Photo *tg.Photo
	// Kind is "photo", "video", "emoji" or "sticker".
	Kind string
	// Data is the uploaded file: the image or the MP4; nil for markup.
	Data []byte
	// StartTS is video_start_ts, when HasStartTS.
	StartTS    float64
	HasStartTS bool
	// Markup is the emoji or sticker markup for those kinds.
	Markup tg.VideoSizeClass
	SetAt  time.Time
}

func (e *Emulator) registerPhotos(m map[uint32]method) {
	register(m, false, (*call).uploadContactProfilePhoto)
}

// PersonalPhoto returns what the account set as contact's personal photo.
func (e *Emulator) PersonalPhoto(account, contact int64) (PersonalPhoto, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.world.users[account]
	if u == nil || u.personal[contact] == nil {
		return PersonalPhoto{}, false
	}
	return *u.personal[contact], true
}

// Suggestions returns the photos the account suggested to contact, oldest
// first, from the service messages in their chat.
func (e *Emulator) Suggestions(account, contact int64) []*tg.Photo {
	var out []*tg.Photo
	for _, m := range e.History(account, contact) {
		s, ok := m.(*tg.MessageService)
		if !ok {
			continue
		}
		if a, ok := s.Action.(*tg.MessageActionSuggestProfilePhoto); ok {
			if p, ok := a.Photo.(*tg.Photo); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// uploadContactProfilePhoto follows Telegram: media with save (or with no
// flag) sets the personal photo, suggest sends a suggestion, save alone
// removes the personal photo. file, video and markup are exclusive.
func (c *call) uploadContactProfilePhoto(req *tg.PhotosUploadContactProfilePhotoRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	owner := w.users[c.userID]
	contact, err := c.inputUser(req.UserID)
	if err != nil {
		return nil, err
	}
	// TDLib refuses self and bots before asking (UserManager.cpp,
	// set_user_profile_photo: "Can't set personal or suggest photo to self",
	// "… to bots"), and a deleted account has no one to show a photo to;
	// the server's own answer to them is USER_ID_INVALID here.
	if contact.id == c.userID || contact.bot || contact.deleted {
		return nil, errUserIDInvalid
	}
	if !owner.contacts[contact.id] && !(suggestOnly(req) && w.shareChat(owner.id, contact.id)) {
		return nil, errContactMissing
	}
	pp, err := c.profileMedia(req)
	if err != nil {
		return nil, err
	}
	if pp == nil {
		if !req.Save || req.Suggest {
			return nil, errPhotoFileMissing
		}
		delete(owner.personal, contact.id)
		c.userChangedForOwner(contact.id)
		return &tg.PhotosPhoto{Photo: &tg.PhotoEmpty{}, Users: w.tgUsers(c.userID, contact.id)}, nil
	}
	if req.Save || !req.Suggest {
		owner.personal[contact.id] = pp
	}
	if req.Suggest {
		c.suggest(contact.id, pp.Photo)
	}
	if req.Save || !req.Suggest {
		c.userChangedForOwner(contact.id)
	}
	return &tg.PhotosPhoto{Photo: pp.Photo, Users: w.tgUsers(c.userID, contact.id)}, nil
}

// suggest writes the suggestion service message into both chats.
func (c *call) suggest(contact int64, photo *tg.Photo) {
	w := c.e.world
	date := int(c.e.now().Unix())
	for _, side := range []struct {
		owner, peer int64
		out         bool
	}{{c.userID, contact, true}, {contact, c.userID, false}} {
		msg, u := w.box(side.owner).appendMessage(func(id int) tg.MessageClass {
			s := &tg.MessageService{ID: id, Out: side.out, PeerID: &tg.PeerUser{UserID: side.peer}, Date: date,
				Action: &tg.MessageActionSuggestProfilePhoto{Photo: photo}}
			if !side.out {
				s.FromID = &tg.PeerUser{UserID: c.userID}
			}
			s.SetFlags()
			return s
		})
		c.pushes = append(c.pushes, w.pushUpdate(side.owner, u, msg, date, 0))
	}
}

// profileMedia checks and stores the request's media; nil when it has none.
func (c *call) profileMedia(req *tg.PhotosUploadContactProfilePhotoRequest) (*PersonalPhoto, error) {
	n := 0
	for _, set := range []bool{req.File != nil, req.Video != nil, req.VideoEmojiMarkup != nil} {
		if set {
			n++
		}
	}
	ts, hasTS := req.GetVideoStartTs()
	switch {
	case n > 1:
		return nil, errMediaInvalid
	case n == 0 && hasTS:
		return nil, errStartTSInvalid
	case n == 0:
		return nil, nil
	case hasTS && (req.File != nil || ts < 0 || ts > 10):
		return nil, errStartTSInvalid
	}
	w := c.e.world
	now := c.e.now()
	pp := &PersonalPhoto{StartTS: ts, HasStartTS: hasTS, SetAt: now}
	switch {
	case req.File != nil:
		if _, big := req.File.(*tg.InputFileBig); big {
			return nil, errFilePartsInvalid // a photo is never a big file
		}
		data, err := c.assembleOnce(req.File)
		if err != nil {
			return nil, err
		}
		if len(data) > maxPhotoBytes || !isImage(data) {
			return nil, errPhotoInvalid
		}
		pp.Kind, pp.Data = "photo", data
	case req.Video != nil:
		data, err := c.assembleOnce(req.Video)
		if err != nil {
			return nil, err
		}
		info, ok := probeMP4(data)
		if !ok || len(data) > maxVideoBytes || !animatedPhotoFits(info) || (hasTS && ts > info.duration.Seconds()) {
			return nil, errVideoFileInvalid
		}
		pp.Kind, pp.Data = "video", data
	default:
		kind, err := w.checkMarkup(req.VideoEmojiMarkup)
		if err != nil {
			return nil, err
		}
		pp.Kind, pp.Markup = kind, req.VideoEmojiMarkup
	}
	pp.Photo = w.profilePhoto(now, c.dc, pp)
	return pp, nil
}

// Telegram's limits for a profile photo: an animated one is MPEG4, square,
// 160 to 1280 px a side, at most 10 s and at most 2 MB (TDLib td_api.tl,
// inputChatPhotoAnimation); a photo at most 10 MB and never a big file
// (TDLib FileType.cpp: is_file_big is false for photos, and 10 MB is the
// small-file limit).
const (
	minVideoSide     = 160
	maxVideoSide     = 1280
	maxVideoDuration = 10 * time.Second
	maxVideoBytes    = 2 << 20
	maxPhotoBytes    = 10 << 20
)

// animatedPhotoFits reports whether a video may be an animated profile
// photo: square, 160 to 1280 px a side and at most 10 seconds long.
func animatedPhotoFits(v videoInfo) bool {
	return v.w == v.h && v.w >= minVideoSide && v.w <= maxVideoSide && v.duration <= maxVideoDuration
}

func (w *world) checkMarkup(m tg.VideoSizeClass) (string, error) {
	colours := func(c []int) error {
		if len(c) < 1 || len(c) > 4 {
			return errMarkupInvalid
		}
		return nil
	}
	switch v := m.(type) {
	case *tg.VideoSizeEmojiMarkup:
		if _, ok := w.emoji[v.EmojiID]; !ok {
			return "", errMarkupInvalid
		}
		return "emoji", colours(v.BackgroundColors)
	case *tg.VideoSizeStickerMarkup:
		in, ok := v.Stickerset.(*tg.InputStickerSetID)
		if !ok || w.stickers[in.ID] == nil || w.stickers[in.ID].set.AccessHash != in.AccessHash {
			return "", errStickersetInvalid
		}
		if !w.stickers[in.ID].stick[v.StickerID] {
			return "", errMarkupInvalid
		}
		return "sticker", colours(v.BackgroundColors)
	default:
		return "", errMarkupInvalid
	}
}

// profilePhoto stores the new profile photo so it can be downloaded.
// It lives on dc, where it was uploaded.
func (w *world) profilePhoto(now time.Time, dc int, pp *PersonalPhoto) *tg.Photo {
	img := pp.Data
	if pp.Kind != "photo" {
		img = thumbJPEG()
	}
	f := w.newPhoto(now, dc, img)
	p := f.photo
	switch pp.Kind {
	case "video":
		f.sizes["u"] = pp.Data
		v := &tg.VideoSize{Type: "u", W: 800, H: 800, Size: len(pp.Data)}
		if pp.HasStartTS {
			v.SetVideoStartTs(pp.StartTS)
		}
		p.VideoSizes = []tg.VideoSizeClass{v}
	case "emoji", "sticker":
		p.VideoSizes = []tg.VideoSizeClass{pp.Markup}
	}
	p.SetFlags()
	return p
}

// SetPersonalPhotoElsewhere sets a personal photo for contact as another of
// the account's apps would, without any client of the emulator seeing a
// call: for tests of a daemon keeping its records true.
// The account's sessions get updateUser for the contact, as Telegram tells
// the other apps of a change made in one (core.telegram.org/constructor/updateUser).
func (e *Emulator) SetPersonalPhotoElsewhere(account, contact int64, jpeg []byte) {
	e.mu.Lock()
	u := e.world.users[account]
	if u == nil {
		e.mu.Unlock()
		return
	}
	pp := &PersonalPhoto{Kind: "photo", Data: jpeg, SetAt: e.now()}
	pp.Photo = e.world.profilePhoto(pp.SetAt, u.dc, pp)
	u.personal[contact] = pp
	p := e.world.userUpdate(account, contact, int(pp.SetAt.Unix()), 0)
	e.mu.Unlock()
	e.deliver([]push{p})
}

// RemovePersonalPhotoElsewhere removes contact's personal photo as another
// of the account's apps would.
// The account's sessions get updateUser, as for SetPersonalPhotoElsewhere.
func (e *Emulator) RemovePersonalPhotoElsewhere(account, contact int64) {
	e.mu.Lock()
	u := e.world.users[account]
	if u == nil {
		e.mu.Unlock()
		return
	}
	delete(u.personal, contact)
	p := e.world.userUpdate(account, contact, int(e.now().Unix()), 0)
	e.mu.Unlock()
	e.deliver([]push{p})
}

// suggestOnly is a suggestion that sets nothing for the caller.
func suggestOnly(req *tg.PhotosUploadContactProfilePhotoRequest) bool {
	return req.Suggest && !req.Save
}

// shareChat reports whether two users know each other without being
// contacts: messages between them, or a group or channel both are in.
// A personal photo needs a contact, but a suggestion goes to "another
// regular user with common messages" (TDLib td_api.tl,
// suggestUserProfilePhoto; UserManager.cpp checks is_user_contact only
// when not only_suggest).
func (w *world) shareChat(a, b int64) bool {
	for _, m := range w.box(a).msgs {
		if msg, ok := m.(*tg.Message); ok {
			if p, ok := msg.PeerID.(*tg.PeerUser); ok && p.UserID == b {
				return true
			}
		}
	}
	for _, c := range w.chats {
		if c.members[a] && c.members[b] {
			return true
		}
	}
	return false
}
