package emulator

import (
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/gotd/td/tg"
)

// world is everything the server knows. Guarded by Emulator.mu.
type world struct {
	dc         int // where accounts and files live unless told otherwise
	nextUserID int64
	nextFileID int64
	users      map[int64]*user
	keys       map[[8]byte]int64         // auth key → account it is bound to
	imported   map[[8]byte]int           // auth key → DC it was imported into
	exports    map[string]exported       // auth.exportAuthorization bytes
	sessions   map[[8]byte]liveSession   // auth key → its latest session
	pending    map[[8]byte]*pendingLogin // auth key → login in progress
	boxes      map[int64]*box            // account → its messages and pts
	files      map[int64]*file           // photo and document ids → content
	uploads    map[uploadKey]*upload
	tokens     map[string]*loginToken
	stickers   map[int64]*stickerSet
	emoji      map[int64]int64 // custom emoji document id → its sticker set
	chats      map[int64]*chat // groups and channels, by id
	nextChatID int64
	own        ownPhotos           // users' own profile photos (userphotos.go)
	schedules  map[int64]*schedule // accounts' scheduled messages (scheduled.go)
	// From Options.StatePath (state.go): people of the last start not
	// added again yet, and the auth keys bound then.
	saved        []savedUser
	restoredKeys map[[8]byte]savedKey
}

func newWorld(dc int) *world {
	return &world{
		dc:         dc,
		nextUserID: 1000000,
		nextFileID: 5000000000,
		users:      map[int64]*user{},
		keys:       map[[8]byte]int64{},
		imported:   map[[8]byte]int{},
		exports:    map[string]exported{},
		sessions:   map[[8]byte]liveSession{},
		pending:    map[[8]byte]*pendingLogin{},
		boxes:      map[int64]*box{},
		files:      map[int64]*file{},
		uploads:    map[uploadKey]*upload{},
		tokens:     map[string]*loginToken{},
		stickers:   map[int64]*stickerSet{},
		emoji:      map[int64]int64{},
		chats:      map[int64]*chat{},
		nextChatID: 4000000,

		restoredKeys: map[[8]byte]savedKey{},
	}
}

// user is a Telegram user; an account is a user that can log in.
type user struct {
	id         int64
	accessHash int64
	first      string
	last       string
	username   string
	usernames  []string // a usernames list (collectible, extra): then username is empty on the wire
	phone      string   // digits only
	bot        bool
	deleted    bool
	account    bool
	dc         int       // the account's home DC, where its updates are
	code       string    // login code for accounts
	loginCode  LoginCode // how auth.sendCode sends it (logincode.go)
	password   *password
	contacts   map[int64]bool
	// personal photos this user set for others, by contact id
	personal map[int64]*PersonalPhoto
	photo    *tg.Photo // own public profile photo, optional
	// photoContactsOnly hides photo from those who are not the user's
	// contacts (SetPhotoPrivacy).
	photoContactsOnly bool
}

// UserSpec describes a user to add to the world.
type UserSpec struct {
	FirstName string
	LastName  string
	Username  string // without @
	// Usernames are further active usernames (collectible or extra, as
	// Fragment sells them). With any, the user goes out as Telegram sends
	// such users: an empty username and a usernames list holding them all,
	// Username first as the editable one (TDLib Usernames.cpp).
	Usernames []string
	Phone     string // any format; digits are kept
	Bot       bool   // a bot: Telegram has no personal photos for bots
	Deleted   bool   // a deleted account: "Deleted Account", no name, no username
}

// AccountSpec describes a user who can log in.
type AccountSpec struct {
	UserSpec
	// Code is the login code auth.signIn accepts. Defaults to "12345".
	Code string
	// Password enables 2FA with this password when not empty.
	Password string
	// LoginCode is how auth.sendCode sends the code. Defaults to the app.
	LoginCode LoginCode
	// DC is the account's home data centre: logins elsewhere meet
	// PHONE_MIGRATE_X or auth.loginTokenMigrateTo, and only its sessions
	// there get updates. Defaults to Options.DC.
	DC int
}

// User is a snapshot of a user for tests.
type User struct {
	ID         int64
	AccessHash int64
	FirstName  string
	LastName   string
	Username   string
	Phone      string
}

func (u *user) snapshot() User {
	return User{ID: u.id, AccessHash: u.accessHash, FirstName: u.first, LastName: u.last, Username: u.username, Phone: u.phone}
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (w *world) addUser(spec UserSpec) *user {
	old, ok := w.takeSaved(spec) // the same person as at the last start
	if !ok {
		old.ID, old.AccessHash = w.newUserID()
	}
	u := &user{
		id:         old.ID,
		accessHash: old.AccessHash,
		first:      spec.FirstName,
		last:       spec.LastName,
		username:   strings.TrimPrefix(spec.Username, "@"),
		usernames:  trimAts(spec.Usernames),
		bot:        spec.Bot,
		deleted:    spec.Deleted,
		phone:      digits(spec.Phone),
		contacts:   map[int64]bool{},
		personal:   map[int64]*PersonalPhoto{},
		dc:         w.dc,
	}
	w.users[u.id] = u
	return u
}

// newUserID draws the id and access hash of a new user.
func (w *world) newUserID() (id, accessHash int64) {
	w.nextUserID += 1 + rand.Int64N(50)
	return w.nextUserID, rand.Int64()
}

// AddUser adds a user who cannot log in: a contact or a stranger.
func (e *Emulator) AddUser(spec UserSpec) User {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.world.addUser(spec).snapshot()
}

// AddAccount adds a user who can log in with the phone, code and password.
func (e *Emulator) AddAccount(spec AccountSpec) User {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.world.addUser(spec.UserSpec)
	u.account = true
	if spec.DC != 0 {
		u.dc = spec.DC
	}
	u.code = spec.Code
	u.loginCode = spec.LoginCode
	if u.code == "" {
		u.code = "12345"
	}
	if spec.Password != "" {
		u.password = newPassword(spec.Password)
	}
	return u.snapshot()
}

// AddContact makes contact one of the account's contacts.
func (e *Emulator) AddContact(account, contact int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.world.users[account]; u != nil {
		u.contacts[contact] = true
	}
}

// RemoveContact removes contact from the account's contacts.
func (e *Emulator) RemoveContact(account, contact int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if u := e.world.users[account]; u != nil {
		delete(u.contacts, contact)
	}
}

// tgUser renders u as viewer sees it.
func (w *world) tgUser(viewer int64, u *user) *tg.User {
	v := w.users[viewer]
	out := &tg.User{
		ID:         u.id,
		AccessHash: u.accessHash,
		FirstName:  u.first,
		LastName:   u.last,
		Username:   u.username,
		Self:       u.id == viewer,
	}
	if len(u.usernames) > 0 {
		out.Username, out.Usernames = "", u.usernameList()
	}
	out.Bot = u.bot
	if u.deleted { // a deleted account keeps only its id (core.telegram.org/constructor/user: deleted)
		out = &tg.User{ID: u.id, AccessHash: u.accessHash, Deleted: true, Contact: v != nil && v.contacts[u.id]}
		out.SetFlags()
		return out
	}
	isContact := v != nil && v.contacts[u.id]
	out.Contact = isContact
	out.MutualContact = isContact && u.contacts[viewer]
	if isContact || out.Self {
		out.Phone = u.phone
	}
	if v != nil {
		if pp := v.personal[u.id]; pp != nil {
			out.Photo = &tg.UserProfilePhoto{Personal: true, PhotoID: pp.Photo.ID, HasVideo: pp.Kind != "photo", DCID: pp.Photo.DCID}
		} else if u.photo != nil && u.ownPhotoVisible(viewer) {
			out.Photo = &tg.UserProfilePhoto{PhotoID: u.photo.ID, HasVideo: len(u.photo.VideoSizes) > 0, DCID: u.photo.DCID}
		}
	}
	out.SetFlags()
	return out
}

// tgUsers renders the users with the given ids, each once, in id order.
func (w *world) tgUsers(viewer int64, ids ...int64) []tg.UserClass {
	seen := map[int64]bool{}
	var sorted []int64
	for _, id := range ids {
		if !seen[id] && w.users[id] != nil {
			seen[id] = true
			sorted = append(sorted, id)
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	out := make([]tg.UserClass, 0, len(sorted))
	for _, id := range sorted {
		out = append(out, w.tgUser(viewer, w.users[id]))
	}
	return out
}

// inputUser resolves an InputUser for the caller, checking the access hash.
func (c *call) inputUser(in tg.InputUserClass) (*user, error) {
	w := c.e.world
	switch v := in.(type) {
	case *tg.InputUserSelf:
		return w.users[c.userID], nil
	case *tg.InputUser:
		u := w.users[v.UserID]
		if u == nil {
			return nil, errUserIDInvalid
		}
		if u.id != c.userID && u.accessHash != v.AccessHash {
			return nil, errPeerIDInvalid
		}
		return u, nil
	case *tg.InputUserFromMessage:
		u := w.users[v.UserID]
		if u == nil {
			return nil, errUserIDInvalid
		}
		return u, nil
	default:
		return nil, errUserIDInvalid
	}
}

// inputPeerUser resolves a user peer; chats and channels are not modelled.
func (c *call) inputPeerUser(in tg.InputPeerClass) (*user, error) {
	switch v := in.(type) {
	case *tg.InputPeerSelf:
		return c.e.world.users[c.userID], nil
	case *tg.InputPeerUser:
		return c.inputUser(&tg.InputUser{UserID: v.UserID, AccessHash: v.AccessHash})
	case *tg.InputPeerUserFromMessage:
		return c.inputUser(&tg.InputUser{UserID: v.UserID})
	default:
		return nil, errPeerIDInvalid
	}
}
