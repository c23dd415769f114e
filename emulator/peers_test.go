package emulator_test

import (
	"sort"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// contactsHash is Telegram's hash of a contact list, from
// core.telegram.org/api/offsets#hash-generation: saved_count (here every
// contact), then the sorted ids.
func contactsHash(ids ...int64) int64 {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var h uint64
	for _, id := range append([]int64{int64(len(ids))}, ids...) {
		h ^= h >> 21
		h ^= h << 35
		h ^= h >> 4
		h += uint64(id)
	}
	return int64(h)
}

// people is the fixture of the peers subtests, with the users it finds:
// carol, a contact; dave, a mutual contact; and yan, a stranger.
type people struct {
	fixture
	carol, dave, yan emulator.User
}

func testPeers(t *testing.T, f fixture) {
	p := people{fixture: f}
	p.carol = f.e.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "Carol_W", Phone: "+1 (555) 010-1000"})
	p.dave = f.e.AddUser(emulator.UserSpec{FirstName: "Dave", Username: "dave", Phone: "+15550102000"})
	p.yan = f.e.AddUser(emulator.UserSpec{FirstName: "Yan", Username: "yan", Phone: "+15550199000"})
	f.e.AddContact(f.a.ID, p.carol.ID)
	f.e.AddContact(f.a.ID, p.dave.ID)
	f.e.AddContact(p.dave.ID, f.a.ID)
	for _, tt := range []struct {
		name  string
		check func(*testing.T, people)
	}{
		{"resolveUsername ignores case and @ and refuses invalid names", checkResolveUsername},
		{"resolvePhone finds a number however it is written and shows the phones of contacts only", checkResolvePhone},
		{"getContacts lists contacts with their mutual flag until its hash changes", checkGetContacts},
		{"getUsers shows the phones of self and contacts only and refuses unknown users", checkGetUsers},
		{"getFullUser has no personal photo nobody set and refuses a wrong access hash", checkGetFullUser},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, p) })
	}
}

func checkResolveUsername(t *testing.T, p people) {
	for _, tt := range []struct {
		name string
		want int64
		err  string
	}{
		{"Carol_W", p.carol.ID, ""},
		{"carol_w", p.carol.ID, ""},
		{"@dave", p.dave.ID, ""},
		{"nobody_here", 0, "USERNAME_NOT_OCCUPIED"},
		{"ab", 0, "USERNAME_INVALID"},
		{"9lives", 0, "USERNAME_INVALID"},
		{"with space", 0, "USERNAME_INVALID"},
	} {
		res, err := p.c.api.ContactsResolveUsername(p.ctx, &tg.ContactsResolveUsernameRequest{Username: tt.name})
		if tt.err != "" {
			if !tgerr.Is(err, tt.err) {
				t.Errorf("resolve %q: err = %v, want %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("resolve %q: %v", tt.name, err)
		}
		u := res.Users[0].(*tg.User)
		if res.Peer.(*tg.PeerUser).UserID != tt.want || u.ID != tt.want || u.AccessHash == 0 {
			t.Errorf("resolve %q = %v %+v, want user %d with its access hash", tt.name, res.Peer, u, tt.want)
		}
	}
}

func checkResolvePhone(t *testing.T, p people) {
	for _, tt := range []struct {
		phone     string
		want      int64
		seesPhone bool
		err       string
	}{
		{"15550101000", p.carol.ID, true, ""},
		{"+1 555 019 9000", p.yan.ID, false, ""},
		{"+19990000000", 0, false, "PHONE_NOT_OCCUPIED"},
		{"12", 0, false, "PHONE_NUMBER_INVALID"},
	} {
		res, err := p.c.api.ContactsResolvePhone(p.ctx, tt.phone)
		if tt.err != "" {
			if !tgerr.Is(err, tt.err) {
				t.Errorf("resolve %q: err = %v, want %s", tt.phone, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("resolve %q: %v", tt.phone, err)
		}
		u := res.Users[0].(*tg.User)
		if u.ID != tt.want || (u.Phone != "") != tt.seesPhone {
			t.Errorf("resolve %q = %d phone %q, want %d, phone shown %v", tt.phone, u.ID, u.Phone, tt.want, tt.seesPhone)
		}
	}
}

func checkGetContacts(t *testing.T, p people) {
	res, err := p.c.api.ContactsGetContacts(p.ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := res.(*tg.ContactsContacts)
	mutual := map[int64]bool{}
	var ids []int64
	for _, ct := range got.Contacts {
		mutual[ct.UserID] = ct.Mutual
		ids = append(ids, ct.UserID)
	}
	if _, ok := mutual[p.carol.ID]; !ok || mutual[p.carol.ID] || !mutual[p.dave.ID] || got.SavedCount != len(ids) || len(got.Users) != len(ids) {
		t.Fatalf("contacts = %+v, want carol and dave (mutual) among them", got)
	}
	for _, u := range got.Users {
		if u := u.(*tg.User); !u.Contact || u.Phone == "" || u.MutualContact != mutual[u.ID] {
			t.Errorf("contact %d: contact %v mutual %v phone %q", u.ID, u.Contact, u.MutualContact, u.Phone)
		}
	}
	if res, err := p.c.api.ContactsGetContacts(p.ctx, contactsHash(ids...)); err != nil {
		t.Fatal(err)
	} else if _, ok := res.(*tg.ContactsContactsNotModified); !ok {
		t.Errorf("same hash gave %T, want contacts.contactsNotModified", res)
	}
	p.e.RemoveContact(p.a.ID, p.carol.ID)
	defer p.e.AddContact(p.a.ID, p.carol.ID)
	res, err = p.c.api.ContactsGetContacts(p.ctx, contactsHash(ids...))
	if err != nil {
		t.Fatal(err)
	}
	after, ok := res.(*tg.ContactsContacts)
	if !ok || len(after.Contacts) != len(ids)-1 {
		t.Fatalf("after removing carol: %+v", res)
	}
	for _, ct := range after.Contacts {
		if ct.UserID == p.carol.ID {
			t.Error("carol is still a contact")
		}
	}
}

func checkGetUsers(t *testing.T, p people) {
	users, err := p.c.api.UsersGetUsers(p.ctx, []tg.InputUserClass{&tg.InputUserSelf{}, inputUser(p.carol), inputUser(p.yan)})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 3 {
		t.Fatalf("%d users, want 3", len(users))
	}
	self, al, z := users[0].(*tg.User), users[1].(*tg.User), users[2].(*tg.User)
	if self.ID != p.a.ID || !self.Self || self.Phone == "" {
		t.Errorf("self = %+v", self)
	}
	if al.ID != p.carol.ID || !al.Contact || al.Username != "Carol_W" || al.FirstName != "Carol" || al.Phone != "15550101000" {
		t.Errorf("carol = %+v", al)
	}
	if z.ID != p.yan.ID || z.Contact || z.Phone != "" || z.AccessHash != p.yan.AccessHash {
		t.Errorf("yan = %+v", z)
	}
	for _, tt := range []struct {
		in   tg.InputUserClass
		want string
	}{
		{&tg.InputUser{UserID: p.yan.ID, AccessHash: p.yan.AccessHash + 1}, "PEER_ID_INVALID"},
		{&tg.InputUser{UserID: 5}, "USER_ID_INVALID"},
	} {
		if _, err := p.c.api.UsersGetUsers(p.ctx, []tg.InputUserClass{tt.in}); !tgerr.Is(err, tt.want) {
			t.Errorf("getUsers(%v): err = %v, want %s", tt.in, err, tt.want)
		}
	}
}

func checkGetFullUser(t *testing.T, p people) {
	full, err := p.c.api.UsersGetFullUser(p.ctx, inputUser(p.carol))
	if err != nil {
		t.Fatal(err)
	}
	if full.FullUser.ID != p.carol.ID || len(full.Users) != 1 || full.Users[0].(*tg.User).ID != p.carol.ID {
		t.Errorf("full user = %+v", full)
	}
	if _, ok := full.FullUser.GetPersonalPhoto(); ok {
		t.Error("a personal photo nobody set")
	}
	if _, err := p.c.api.UsersGetFullUser(p.ctx, &tg.InputUser{UserID: p.carol.ID, AccessHash: 1}); !tgerr.Is(err, "PEER_ID_INVALID") {
		t.Errorf("wrong access hash: err = %v", err)
	}
}
