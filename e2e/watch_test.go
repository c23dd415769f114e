package e2e_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// notices are Persona's notices in Saved Messages that start with prefix.
func (w *world) watchNotices(prefix string) []*tg.Message {
	var out []*tg.Message
	for _, mc := range w.emu.SavedMessages(w.me.ID) {
		if m, ok := mc.(*tg.Message); ok && strings.HasPrefix(m.Message, prefix) {
			out = append(out, m)
		}
	}
	return out
}

// waitNotice waits for the n-th notice that starts with prefix.
func (w *world) waitWatchNotice(t *testing.T, d *daemon, prefix string, n int) *tg.Message {
	t.Helper()
	eventually(t, func() bool { return len(w.watchNotices(prefix)) >= n }, func() string {
		return fmt.Sprintf("no notice %q (#%d)\ndaemon log:\n%s", prefix, n, d.log())
	})
	m := w.watchNotices(prefix)[n-1]
	if m.ReplyTo != nil {
		t.Fatalf("the notice %q replies to a message; want a new message", m.Message)
	}
	return m
}

// wantAttached checks that the notice carries data as its photo or video.
func wantAttached(t *testing.T, w *world, m *tg.Message, data []byte) {
	t.Helper()
	got, ok := w.emu.MessageFile(w.me.ID, m.ID)
	if !ok || !bytes.Equal(got, data) {
		t.Fatalf("notice %q carries %d bytes (media %v), want the previous photo's %d", m.Message, len(got), ok, len(data))
	}
}

// TestWatchNoticeAndSetphoto: a watched contact changes their photo; the
// notice is a new message with the previous photo attached, and
// /setphoto replying to it makes that photo her personal photo. Watching
// itself never sets a personal photo.
func TestWatchNoticeAndSetphoto(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first, second := emulator.JPEG(640, 640, 1000), emulator.JPEG(800, 800, 2000)
	w.emu.SetProfilePhoto(w.alice.ID, first)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"}))
	wantPrefix(t, r, "✅ @alice: watched; a copy of their photo of ")
	if n := len(w.uploads(t)); n != 0 {
		t.Fatalf("watching made %d %s calls", n, uploadMethod)
	}

	w.emu.SetProfilePhoto(w.alice.ID, second)
	notice := w.waitWatchNotice(t, d, "👁 @alice changed their profile photo", 1)
	wantAttached(t, w, notice, first)
	if _, ok := notice.Media.(*tg.MessageMediaPhoto); !ok {
		t.Fatalf("notice media %T, want a photo", notice.Media)
	}

	r = w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", ReplyTo: notice.ID}))
	wantPrefix(t, r, "✅")
	wantPersonal(t, w, w.alice, first)

	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch"}))
	if !strings.Contains(list.Message, "@alice: since ") || !strings.Contains(list.Message, "2 copies kept") {
		t.Fatalf("/watch lists %q; want @alice with 2 copies", list.Message)
	}
}

// TestWatchWhileStopped: a change and then a removal while the daemon is
// stopped give one notice at the next start, with the archived bytes of
// the photo Persona last saw, though Telegram no longer hands it out.
func TestWatchWhileStopped(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first := emulator.JPEG(640, 640, 1000)
	p := w.emu.SetProfilePhoto(w.alice.ID, first)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"})), "✅")
	d.stop(t)

	second := w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(700, 700, 3000))
	w.emu.DeleteProfilePhoto(w.alice.ID, second.ID)
	w.emu.DeleteProfilePhoto(w.alice.ID, p.ID)
	d = w.startDaemon(t)
	notice := w.waitWatchNotice(t, d, "👁 @alice removed their profile photo", 1)
	wantAttached(t, w, notice, first)
	probe := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"}))
	if !strings.Contains(probe.Message, "archive: 1 copy") {
		t.Fatalf("/status says %q; want the archive's one copy", probe.Message)
	}
	if n := len(w.watchNotices("👁")); n != 1 {
		t.Fatalf("%d notices, want one for the changes while stopped", n)
	}
}

// TestUnwatchStopsNotices: after /unwatch a change gives no notice, and
// the copies are deleted. @alice, still watched, changes after @bob: her
// notice comes after the one @bob's change would have given.
func TestUnwatchStopsNotices(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	bobs := emulator.JPEG(640, 640, 1500)
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000))
	w.emu.SetProfilePhoto(w.bob.ID, bobs)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice @bob"})), "✅")
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/unwatch @bob"}))
	wantPrefix(t, r, "✅ @bob: no longer watched; 1 copy of their photos deleted")
	w.emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(640, 640, 2000))
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 3000))
	w.waitWatchNotice(t, d, "👁 @alice changed", 1)
	if n := len(w.watchNotices("👁 @bob")); n != 0 {
		t.Fatalf("%d notices about @bob after /unwatch", n)
	}
	sum := sha256.Sum256(bobs)
	if files := archiveFiles(t, w); slices.Contains(files, hex.EncodeToString(sum[:])+".jpg") || len(files) == 0 {
		t.Fatalf("archive holds %v after /unwatch @bob; want @alice's copies only", files)
	}
}

// TestWatchFirstPhotoAndNonContact: a contact with no photo is watched and
// their first photo is told with nothing attached. A non-contact is
// watched when Telegram shows their photo, and refused in plain words when
// their privacy hides it.
func TestWatchFirstPhotoAndNonContact(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetProfilePhoto(w.eve.ID, emulator.JPEG(640, 640, 500))
	w.emu.SetPhotoPrivacy(w.eve.ID, true)
	carol := w.emu.AddUser(emulator.UserSpec{FirstName: "Carol", Username: "carol"})
	w.emu.SetProfilePhoto(carol.ID, emulator.JPEG(640, 640, 600))
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @bob @eve @carol"}))
	for _, want := range []string{
		"@bob: watched; they have no profile photo you can see yet; the first one will be told",
		"@eve is not in your contacts, and Telegram shows you no profile photo of theirs (they have none, or their privacy settings hide it from you)",
		"@carol: watched; a copy of their photo of ",
	} {
		if !strings.Contains(r.Message, want) {
			t.Fatalf("reply %q lacks %q", r.Message, want)
		}
	}
	w.emu.SetProfilePhoto(w.bob.ID, emulator.JPEG(640, 640, 1000))
	notice := w.waitWatchNotice(t, d, "👁 @bob set a profile photo", 1)
	if notice.Media != nil {
		t.Fatalf("a first photo's notice has media %T", notice.Media)
	}
}

// TestWatchArchiveNotWritable: an archive that cannot be written is named
// in the ❌, and no watch is recorded.
func TestWatchArchiveNotWritable(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000))
	dir := filepath.Join(w.dir, "persona-archive")
	if err := os.WriteFile(dir, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"}))
	wantPrefix(t, r, "❌ @alice: cannot keep a copy in the archive folder "+dir)
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch"}))
	wantPrefix(t, list, "✅ nobody is watched")
}

// TestWatchArchiveModes: the archive is a 0700 folder of 0600 files
// beside the database.
func TestWatchArchiveModes(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 1000))
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"})), "✅")
	dir := filepath.Join(w.dir, "persona-archive")
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("archive folder: %v, %v; want 0700", info, err)
	}
	files := archiveFiles(t, w)
	if len(files) != 1 {
		t.Fatalf("archive holds %v, want one copy", files)
	}
	if info, err := os.Stat(filepath.Join(dir, files[0])); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("archive file: %v, %v; want 0600", info, err)
	}
}

func archiveFiles(t *testing.T, w *world) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(w.dir, "persona-archive"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestWatchAllBatchedAtStart: `/watch all` watches every contact and
// copies their photos in the background; at the next start one
// users.getUsers per 100 watched contacts checks them all, a contact added
// while stopped is watched, and a change while stopped is told.
func TestWatchAllBatchedAtStart(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	people := w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: 50, Photos: 10})
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch all"}))
	wantPrefix(t, r, "✅ 52 contacts watched, and contacts you add later; copies of their photos are being kept in ")
	eventually(t, func() bool { return len(archiveFiles(t, w)) == 10 }, func() string {
		return fmt.Sprintf("archive holds %d copies, want 10\n%s", len(archiveFiles(t, w)), d.log())
	})
	d.stop(t)

	w.emu.SetProfilePhoto(people[0].ID, emulator.JPEG(640, 640, 4242))
	later := w.emu.AddUser(emulator.UserSpec{FirstName: "Later", Username: "later"})
	w.emu.AddContact(w.me.ID, later.ID)
	seq := w.emu.LastSeq()
	d = w.startDaemon(t)
	w.waitWatchNotice(t, d, "👁 @"+people[0].Username+" changed their profile photo", 1)
	list := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch"}))
	if !strings.Contains(list.Message, "@later: since ") || !strings.Contains(list.Message, "53 contacts watched") {
		t.Fatalf("/watch after the restart lists %q; want 53 with @later", list.Message)
	}
	batches := 0
	for _, ev := range w.emu.EventsAfter(seq) {
		if req, ok := ev.Request.(*tg.UsersGetUsersRequest); ok && len(req.ID) > 1 {
			batches++
		}
	}
	if batches > 1 {
		t.Fatalf("%d users.getUsers of several users at start, want one for 53 watched contacts", batches)
	}
}

// TestWatchNoticeOnceAfterKill: a notice whose send was done but not
// answered when the daemon was killed is sent again at the next start
// with the same random_id, and Saved Messages shows it once.
func TestWatchNoticeOnceAfterKill(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	first := emulator.JPEG(640, 640, 1000)
	w.emu.SetProfilePhoto(w.alice.ID, first)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"})), "✅")
	w.emu.DropAnswer("messages.sendMedia", 1)
	seq := w.emu.LastSeq()
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 2000))
	waitCall(t, w, seq, "messages.sendMedia", d)
	d.kill(t)

	d = w.startDaemon(t)
	w.waitReply(t, d, w.post(t, emulator.Message{Text: "/status"})) // after the pending notices
	notices := w.watchNotices("👁 @alice changed their profile photo")
	if len(notices) != 1 {
		t.Fatalf("%d notices after the kill, want exactly one:\n%s", len(notices), d.log())
	}
	wantAttached(t, w, notices[0], first)
	// Telegram answers a send with a random_id it has seen with the
	// message sent first (the emulator's send): two calls, one message.
	ids := map[int64]int{}
	for _, ev := range w.emu.Calls("messages.sendMedia") {
		ids[ev.Request.(*tg.MessagesSendMediaRequest).RandomID]++
	}
	if len(ids) != 1 || len(w.emu.Calls("messages.sendMedia")) < 2 {
		t.Fatalf("sendMedia random_ids %v; want the notice sent again with its one random_id after the kill", ids)
	}
}

// TestWatchVideoNotice: a watched video photo comes back in the notice as
// a video, byte for byte and with its length, and /setphoto replying to it sets it as a video.
func TestWatchVideoNotice(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	clip := emulator.MP4(640, 640, 4, 8192)
	w.emu.SetProfileVideo(w.alice.ID, clip, emulator.JPEG(640, 640, 0), 1.5)
	r := w.waitReply(t, d, w.post(t, emulator.Message{Text: "/watch @alice"}))
	wantPrefix(t, r, "✅ @alice: watched; a copy of their video of ")
	w.emu.SetProfilePhoto(w.alice.ID, emulator.JPEG(640, 640, 2000))
	notice := w.waitWatchNotice(t, d, "👁 @alice changed their profile photo", 1)
	if secs := videoSeconds(t, notice); secs != 4 {
		t.Fatalf("the notice's video lasts %v s, want the clip's 4", secs)
	}
	wantAttached(t, w, notice, clip)
	wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", ReplyTo: notice.ID})), "✅")
	if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || pp.Kind == "photo" || !bytes.Equal(pp.Data, clip) {
		t.Fatalf("personal photo %q of %d bytes, want the video", pp.Kind, len(pp.Data))
	}
}

// videoSeconds is the duration a message's video document says it lasts.
func videoSeconds(t *testing.T, m *tg.Message) float64 {
	t.Helper()
	md, ok := m.Media.(*tg.MessageMediaDocument)
	if !ok {
		t.Fatalf("message media %T, want a video document", m.Media)
	}
	doc, ok := md.Document.(*tg.Document)
	if !ok {
		t.Fatalf("message document %T", md.Document)
	}
	for _, a := range doc.Attributes {
		if v, ok := a.(*tg.DocumentAttributeVideo); ok {
			return v.Duration
		}
	}
	t.Fatalf("the document has no video attribute: %v", doc.Attributes)
	return 0
}
