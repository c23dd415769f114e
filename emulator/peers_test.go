package emulator_test

import (
	"context"
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

func testPeers(t *testing.T, ctx context.Context, e *emulator.Emulator, a account, c *client) {
	carol := e.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "Carol_W", Phone: "+1 (555) 010-1000"})
	dave := e.AddUser(emulator.UserSpec{FirstName: "Dave", Username: "dave", Phone: "+15550102000"})
	yan := e.AddUser(emulator.UserSpec{FirstName: "Yan", Username: "yan", Phone: "+15550199000"})
	e.AddContact(a.ID, carol.ID)
	e.AddContact(a.ID, dave.ID)
	e.AddContact(dave.ID, a.ID)

	t.Run("resolveUsername", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			want int64
			err  string
		}{
			{"Carol_W", carol.ID, ""},
			{"carol_w", carol.ID, ""},
			{"@dave", dave.ID, ""},
			{"nobody_here", 0, "USERNAME_NOT_OCCUPIED"},
			{"ab", 0, "USERNAME_INVALID"},
			{"9lives", 0, "USERNAME_INVALID"},
			{"with space", 0, "USERNAME_INVALID"},
		} {
			res, err := c.api.ContactsResolveUsername(ctx, &tg.ContactsResolveUsernameRequest{Username: tt.name})
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
	})

	t.Run("resolvePhone", func(t *testing.T) {
		for _, tt := range []struct {
			phone     string
			want      int64
			seesPhone bool
			err       string
		}{
			{"15550101000", carol.ID, true, ""},
			{"+1 555 019 9000", yan.ID, false, ""},
			{"+19990000000", 0, false, "PHONE_NOT_OCCUPIED"},
			{"12", 0, false, "PHONE_NUMBER_INVALID"},
		} {
			res, err := c.api.ContactsResolvePhone(ctx, tt.phone)
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
	})

	t.Run("getContacts", func(t *testing.T) {
		res, err := c.api.ContactsGetContacts(ctx, 0)
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
		if _, ok := mutual[carol.ID]; !ok || mutual[carol.ID] || !mutual[dave.ID] || got.SavedCount != len(ids) || len(got.Users) != len(ids) {
			t.Fatalf("contacts = %+v, want carol and dave (mutual) among them", got)
		}
		for _, u := range got.Users {
			if u := u.(*tg.User); !u.Contact || u.Phone == "" || u.MutualContact != mutual[u.ID] {
				t.Errorf("contact %d: contact %v mutual %v phone %q", u.ID, u.Contact, u.MutualContact, u.Phone)
			}
		}
		if res, err := c.api.ContactsGetContacts(ctx, contactsHash(ids...)); err != nil {
			t.Fatal(err)
		} else if _, ok := res.(*tg.ContactsContactsNotModified); !ok {
			t.Errorf("same hash gave %T, want contacts.contactsNotModified", res)
		}
		e.RemoveContact(a.ID, carol.ID)
		defer e.AddContact(a.ID, carol.ID)
		res, err = c.api.ContactsGetContacts(ctx, contactsHash(ids...))
		if err != nil {
			t.Fatal(err)
		}
		after, ok := res.(*tg.ContactsContacts)
		if !ok || len(after.Contacts) != len(ids)-1 {
			t.Fatalf("after removing carol: %+v", res)
		}
		for _, ct := range after.Contacts {
			if ct.UserID == carol.ID {
				t.Error("carol is still a contact")
			}
		}
	})

	t.Run("getUsers", func(t *testing.T) {
		users, err := c.api.UsersGetUsers(ctx, []tg.InputUserClass{&tg.InputUserSelf{}, inputUser(carol), inputUser(yan)})
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != 3 {
			t.Fatalf("%d users, want 3", len(users))
		}
		self, al, z := users[0].(*tg.User), users[1].(*tg.User), users[2].(*tg.User)
		if self.ID != a.ID || !self.Self || self.Phone == "" {
			t.Errorf("self = %+v", self)
		}
		if al.ID != carol.ID || !al.Contact || al.Username != "Carol_W" || al.FirstName != "Carol" || al.Phone != "15550101000" {
			t.Errorf("carol = %+v", al)
		}
		if z.ID != yan.ID || z.Contact || z.Phone != "" || z.AccessHash != yan.AccessHash {
			t.Errorf("yan = %+v", z)
		}
		for _, tt := range []struct {
			in   tg.InputUserClass
			want string
		}{
			{&tg.InputUser{UserID: yan.ID, AccessHash: yan.AccessHash + 1}, "PEER_ID_INVALID"},
			{&tg.InputUser{UserID: 5}, "USER_ID_INVALID"},
		} {
			if _, err := c.api.UsersGetUsers(ctx, []tg.InputUserClass{tt.in}); !tgerr.Is(err, tt.want) {
				t.Errorf("getUsers(%v): err = %v, want %s", tt.in, err, tt.want)
			}
		}
	})

	t.Run("getFullUser", func(t *testing.T) {
		full, err := c.api.UsersGetFullUser(ctx, inputUser(carol))
		if err != nil {
			t.Fatal(err)
		}
		if full.FullUser.ID != carol.ID || len(full.Users) != 1 || full.Users[0].(*tg.User).ID != carol.ID {
			t.Errorf("full user = %+v", full)
		}
		if _, ok := full.FullUser.GetPersonalPhoto(); ok {
			t.Error("a personal photo nobody set")
		}
		if _, err := c.api.UsersGetFullUser(ctx, &tg.InputUser{UserID: carol.ID, AccessHash: 1}); !tgerr.Is(err, "PEER_ID_INVALID") {
			t.Errorf("wrong access hash: err = %v", err)
		}
	})
}
