package emulator

import (
	"sort"
	"strings"

	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

func (e *Emulator) registerPeers(m map[uint32]method) {
	register(m, false, (*call).resolveUsername)
	register(m, false, (*call).resolvePhone)
	register(m, false, (*call).getContacts)
	register(m, false, (*call).getUsers)
	register(m, false, (*call).getFullUser)
}

func validUsername(s string) bool {
	if len(s) < 3 || len(s) > 32 {
		return false
	}
	for i, r := range s {
		ok := r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok || (i == 0 && (r == '_' || (r >= '0' && r <= '9'))) {
			return false
		}
	}
	return true
}

func (c *call) resolved(u *user) *tg.ContactsResolvedPeer {
	return &tg.ContactsResolvedPeer{
		Peer:  &tg.PeerUser{UserID: u.id},
		Chats: []tg.ChatClass{},
		Users: c.e.world.tgUsers(c.userID, u.id),
	}
}

func (c *call) resolveUsername(req *tg.ContactsResolveUsernameRequest) (bin.Encoder, error) {
	defer c.lock()()
	name := strings.TrimPrefix(req.Username, "@")
	if !validUsername(name) {
		return nil, errUsernameInvalid
	}
	for _, u := range c.e.world.users {
		if u.hasUsername(name) {
			return c.resolved(u), nil
		}
	}
	return nil, errUsernameNotOcc
}

func (c *call) resolvePhone(req *tg.ContactsResolvePhoneRequest) (bin.Encoder, error) {
	defer c.lock()()
	phone := digits(req.Phone)
	if len(phone) < 5 {
		return nil, errPhoneInvalid
	}
	for _, u := range c.e.world.users {
		if u.phone == phone {
			return c.resolved(u), nil
		}
	}
	return nil, errPhoneNotOccupied
}

func (c *call) getContacts(req *tg.ContactsGetContactsRequest) (bin.Encoder, error) {
	defer c.lock()()
	w := c.e.world
	owner := w.users[c.userID]
	ids := make([]int64, 0, len(owner.contacts))
	for id := range owner.contacts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if req.Hash != 0 && contactsHash(len(ids), ids) == req.Hash {
		return &tg.ContactsContactsNotModified{}, nil
	}
	contacts := make([]tg.Contact, 0, len(ids))
	for _, id := range ids {
		contacts = append(contacts, tg.Contact{UserID: id, Mutual: w.users[id].contacts[c.userID]})
	}
	return &tg.ContactsContacts{Contacts: contacts, SavedCount: len(ids), Users: w.tgUsers(c.userID, ids...)}, nil
}

func (c *call) getUsers(req *tg.UsersGetUsersRequest) (bin.Encoder, error) {
	defer c.lock()()
	out := make([]bin.Encoder, 0, len(req.ID))
	for _, in := range req.ID {
		u, err := c.inputUser(in)
		if err != nil {
			return nil, err
		}
		out = append(out, c.e.world.tgUser(c.userID, u))
	}
	return &userVector{elems: out}, nil
}

func (c *call) getFullUser(req *tg.UsersGetFullUserRequest) (bin.Encoder, error) {
	defer c.lock()()
	u, err := c.inputUser(req.ID)
	if err != nil {
		return nil, err
	}
	w := c.e.world
	full := tg.UserFull{
		ID:             u.id,
		Settings:       tg.PeerSettings{},
		NotifySettings: tg.PeerNotifySettings{},
	}
	if pp := w.users[c.userID].personal[u.id]; pp != nil {
		full.SetPersonalPhoto(pp.Photo)
	}
	if u.photo != nil && u.ownPhotoVisible(c.userID) {
		full.SetProfilePhoto(w.fresh(u.photo))
	}
	return &tg.UsersUserFull{FullUser: full, Chats: []tg.ChatClass{}, Users: w.tgUsers(c.userID, u.id)}, nil
}

// maxHashedContacts is how many ids the contacts hash covers at most
// (core.telegram.org/method/contacts.getContacts).
const maxHashedContacts = 100000

// contactsHash is the hash contacts.getContacts compares with a client's:
// Telegram's usual algorithm (core.telegram.org/api/offsets#hash-generation)
// over first the saved_count the server last answered, then at most 100,000
// contact ids in ascending order, the account's own id among them if it is
// its own contact (core.telegram.org/method/contacts.getContacts; TDLib
// UserManager::get_contacts_hash and get_vector_hash in misc.cpp).
// ids must be sorted.
func contactsHash(savedCount int, ids []int64) int64 {
	numbers := make([]uint64, 0, len(ids)+1)
	numbers = append(numbers, uint64(savedCount))
	for _, id := range ids[:min(len(ids), maxHashedContacts)] {
		numbers = append(numbers, uint64(id))
	}
	var h uint64
	for _, n := range numbers {
		h ^= h >> 21
		h ^= h << 35
		h ^= h >> 4
		h += n
	}
	return int64(h)
}

// userVector is the bare Vector<User> that users.getUsers returns.
type userVector struct{ elems []bin.Encoder }

func (v *userVector) Encode(b *bin.Buffer) error {
	b.PutVectorHeader(len(v.elems))
	for _, e := range v.elems {
		if err := e.Encode(b); err != nil {
			return err
		}
	}
	return nil
}
