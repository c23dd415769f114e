package emulator_test

import (
	"bytes"
	"context"
	"sort"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// tdlibContactsHash is the hash TDLib sends with contacts.getContacts
// (UserManager::get_contacts_hash, get_vector_hash in misc.cpp): saved_count
// first, then the contact ids in ascending order.
func tdlibContactsHash(savedCount int, ids []int64) int64 {
	sorted := append([]int64(nil), ids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var h uint64
	for _, n := range append([]int64{int64(savedCount)}, sorted...) {
		h ^= h >> 21
		h ^= h << 35
		h ^= h >> 4
		h += uint64(n)
	}
	return int64(h)
}

// contactList calls contacts.getContacts with hash.
func contactList(t *testing.T, ctx context.Context, c *client, hash int64) tg.ContactsContactsClass {
	t.Helper()
	res, err := c.api.ContactsGetContacts(ctx, hash)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestThousandsOfContacts covers the generated contact list and the
// contacts hash: 3,000 people, some with photos, bots and a deleted
// account, contactsNotModified for TDLib's hash of what was answered, and
// a full answer again once the list changed.
func TestThousandsOfContacts(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	gen := e.AddContacts(a.ID, emulator.ContactsSpec{People: 3000, Photos: 300, Mutual: 10, Bots: 2, Deleted: 1})
	if len(gen) != 3003 {
		t.Fatalf("%d contacts generated; want 3003", len(gen))
	}

	list, ok := contactList(t, ctx, c, 0).(*tg.ContactsContacts)
	if !ok || len(list.Contacts) != 3003 || len(list.Users) != 3003 {
		t.Fatalf("getContacts gave %d contacts; want 3003", len(list.Contacts))
	}
	var ids []int64
	var photos, bots, deleted int
	for _, u := range list.Users {
		u := u.(*tg.User)
		ids = append(ids, u.ID)
		if _, ok := u.Photo.(*tg.UserProfilePhoto); ok {
			photos++
		}
		if u.Bot {
			bots++
		}
		if u.Deleted {
			deleted++
		}
	}
	if photos != 300 || bots != 2 || deleted != 1 {
		t.Fatalf("%d with photos, %d bots, %d deleted; want 300, 2, 1", photos, bots, deleted)
	}
	hash := tdlibContactsHash(list.SavedCount, ids)
	if _, ok := contactList(t, ctx, c, hash).(*tg.ContactsContactsNotModified); !ok {
		t.Fatal("TDLib's hash of the answer did not give contactsNotModified")
	}

	// A second list adds new people, never the same usernames again.
	more := e.AddContacts(a.ID, emulator.ContactsSpec{People: 1})
	if more[0].Username == gen[0].Username || more[0].Phone == gen[0].Phone {
		t.Fatalf("second list repeats %s / %s", more[0].Username, more[0].Phone)
	}
	res, err := c.api.ContactsResolveUsername(ctx, &tg.ContactsResolveUsernameRequest{Username: more[0].Username})
	if err != nil || res.Users[0].(*tg.User).ID != more[0].ID {
		t.Fatalf("resolving @%s: %v", more[0].Username, err)
	}
	if _, ok := contactList(t, ctx, c, hash).(*tg.ContactsContactsNotModified); ok {
		t.Fatal("the old hash still matches after a contact was added")
	}
	ids = append(ids, more[0].ID)
	hash = tdlibContactsHash(len(ids), ids)

	// The account's own id counts when it is its own contact.
	e.AddContact(a.ID, a.ID)
	if _, ok := contactList(t, ctx, c, hash).(*tg.ContactsContactsNotModified); ok {
		t.Fatal("the old hash still matches after the account became its own contact")
	}
	withSelf := append(ids, a.ID)
	if _, ok := contactList(t, ctx, c, tdlibContactsHash(len(withSelf), withSelf)).(*tg.ContactsContactsNotModified); !ok {
		t.Fatal("the hash including the account's own id did not give contactsNotModified")
	}
}

// TestPersonalFlagAndFullUser covers userProfilePhoto.personal on a contact
// whose personal photo the viewer set (here in another app) and
// users.getFullUser's personal_photo beside the contact's own photo.
func TestPersonalFlagAndFullUser(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	gen := e.AddContacts(a.ID, emulator.ContactsSpec{People: 2, Photos: 2})
	e.SetPersonalPhotoElsewhere(a.ID, gen[0].ID, emulator.JPEG(320, 320, 0))
	pp, _ := e.PersonalPhoto(a.ID, gen[0].ID)

	list := contactList(t, ctx, c, 0).(*tg.ContactsContacts)
	for _, u := range list.Users {
		u := u.(*tg.User)
		p := u.Photo.(*tg.UserProfilePhoto)
		if want := u.ID == gen[0].ID; p.Personal != want {
			t.Errorf("user %d: personal %v; want %v", u.ID, p.Personal, want)
		}
	}
	full, err := c.api.UsersGetFullUser(ctx, inputUser(gen[0]))
	if err != nil {
		t.Fatal(err)
	}
	personal, ok := full.FullUser.PersonalPhoto.(*tg.Photo)
	if !ok || personal.ID != pp.Photo.ID {
		t.Fatalf("personal_photo %v; want %d", full.FullUser.PersonalPhoto, pp.Photo.ID)
	}
	own, ok := full.FullUser.ProfilePhoto.(*tg.Photo)
	if !ok || own.ID != e.ProfilePhotos(gen[0].ID)[0].ID {
		t.Fatalf("profile_photo %v; want the contact's own", full.FullUser.ProfilePhoto)
	}
}

// TestSendTextDocument covers a reply sent as a .txt document
// (messages.sendMedia with inputMediaUploadedDocument): stored with its
// mime type and file name, no server thumbnail, and downloadable again.
func TestSendTextDocument(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	text := bytes.Repeat([]byte("@first0001 hidden\n"), 2000)
	_, err := c.api.MessagesSendMedia(ctx, &tg.MessagesSendMediaRequest{
		Peer: &tg.InputPeerSelf{},
		Media: &tg.InputMediaUploadedDocument{
			File:       upload(t, ctx, c, "list.txt", text),
			MimeType:   "text/plain",
			Attributes: []tg.DocumentAttributeClass{&tg.DocumentAttributeFilename{FileName: "list.txt"}},
		},
		Message:  "3,000 records",
		RandomID: 42,
	})
	if err != nil {
		t.Fatal(err)
	}
	saved := e.SavedMessages(a.ID)
	if len(saved) != 1 {
		t.Fatalf("%d messages in Saved Messages; want the document", len(saved))
	}
	d := checkNamedDocument(t, ctx, c, fetch(t, ctx, c, saved[0].GetID()), "text/plain", "list.txt", text)
	if len(d.Thumbs) != 0 {
		t.Errorf("a text document has thumbs %v", d.Thumbs)
	}
}

// TestPostDocument covers a vCard posted to Saved Messages by another app
// of the owner's: pushed to the daemon's session, with its mime type, name
// and caption, and downloadable.
func TestPostDocument(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	vcf := []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nTEL:+15550100\r\nEND:VCARD\r\n")
	seq := e.LastSeq()
	id, err := e.PostDocument(a.ID, "contacts.vcf", "text/vcard", vcf, "/import")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.WaitEvent(ctx, seq, func(ev emulator.Event) bool { return ev.Kind == emulator.EventPush && ev.UserID == a.ID }); err != nil {
		t.Fatal("the posted document was not pushed to the account's session")
	}
	m := fetch(t, ctx, c, id)
	if m.Message != "/import" || !m.Out {
		t.Fatalf("message %q out %v; want the caption, outgoing", m.Message, m.Out)
	}
	checkNamedDocument(t, ctx, c, m, "text/vcard", "contacts.vcf", vcf)
}

// checkDocument checks m's document's mime type and name, downloads it and
// compares it with want.
func checkNamedDocument(t *testing.T, ctx context.Context, c *client, m *tg.Message, mime, name string, want []byte) *tg.Document {
	t.Helper()
	media, ok := m.Media.(*tg.MessageMediaDocument)
	if !ok {
		t.Fatalf("media %T; want a document", m.Media)
	}
	d := media.Document.(*tg.Document)
	if d.MimeType != mime || d.Size != int64(len(want)) {
		t.Errorf("mime %q size %d; want %q, %d", d.MimeType, d.Size, mime, len(want))
	}
	var got string
	for _, a := range d.Attributes {
		if f, ok := a.(*tg.DocumentAttributeFilename); ok {
			got = f.FileName
		}
	}
	if got != name {
		t.Errorf("file name %q; want %q", got, name)
	}
	data, _, err := download(ctx, c.api, docLocation(d, ""))
	if err != nil || !bytes.Equal(data, want) {
		t.Fatalf("download: %d bytes (%v); want the %d sent", len(data), err, len(want))
	}
	return d
}
