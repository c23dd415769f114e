package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gotd/td/tg"

	"persona/emulator"
	"persona/storage"
)

// TestListAsFile: a /list of 3,000 records would need dozens of messages;
// it is one message instead, replying to the command: a summary starting
// with ✅ and the whole list as a text/plain .txt document, every contact
// in it. A daemon killed while the file is on its way sends it once.
func TestListAsFile(t *testing.T) {
	t.Parallel()
	w := newWorld(t, setup{})
	w.mustLogin(t)
	labels := w.seedRecords(t, 3000)
	d := w.startDaemon(t)
	// The file's send is held until the daemon is killed: after the
	// restart Telegram has it already (RANDOM_ID_DUPLICATE).
	w.emu.Delay("messages.sendMedia", 500*time.Millisecond)
	list := w.post(t, emulator.Message{Text: "/list"})
	waitHeld(t, w, "messages.sendMedia", 0, d)
	d.kill(t)
	w.waitSent(t)
	w.emu.ClearFaults()
	d = w.startDaemon(t)
	r := w.waitReply(t, d, list)
	wantPrefix(t, r, "✅ 3000 contacts with a personal photo")
	text := attachedText(t, w, r)
	for _, l := range labels {
		if !strings.Contains(text, l+":") {
			t.Fatalf("the file does not name %s", l)
		}
	}
	if !strings.HasPrefix(text, "✅ 3000 contacts") || strings.Count(text, "\n") != 3000 {
		t.Errorf("the file has %d lines and begins %.60q, want the whole answer", strings.Count(text, "\n")+1, text)
	}
	// The restarted daemon runs the command again and sends the file
	// with the same random_id: Telegram answers with the message it has.
	eventually(t, func() bool { return len(w.emu.Calls("messages.sendMedia")) >= 2 }, func() string {
		return "the file was not sent again after the restart\n" + d.log()
	})
	probe := w.post(t, emulator.Message{Text: "/status"})
	wantPrefix(t, w.waitReply(t, d, probe), "✅")
	for _, m := range w.emu.SavedMessages(w.me.ID) {
		if msg, ok := m.(*tg.Message); ok && msg.Out && strings.HasPrefix(msg.Message, "(continued") {
			t.Errorf("a part of a long reply was sent: %.60q", msg.Message)
		}
	}
}

// seedRecords writes n records of generated contacts into the stopped
// daemon's database, as /hide would have, and returns their labels.
func (w *world) seedRecords(t *testing.T, n int) []string {
	t.Helper()
	db, err := storage.Open(w.dir+"/persona.db", storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var labels []string
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	picture := emulator.JPEG(160, 160, 1)
	for _, u := range w.emu.AddContacts(w.me.ID, emulator.ContactsSpec{People: n}) {
		label := "@" + u.Username
		labels = append(labels, label)
		// Telegram shows the photo the record names, so /list's live check
		// finds it in place, as after a real /hide.
		w.emu.SetPersonalPhotoElsewhere(w.me.ID, u.ID, picture)
		pp, _ := w.emu.PersonalPhoto(w.me.ID, u.ID)
		if err := db.SetPhoto(u.ID, label, storage.PhotoEntry{Kind: "hidden", CommandID: 1, PhotoID: pp.Photo.ID, SetAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	return labels
}

// waitSent waits until the emulator has served a messages.sendMedia.
func (w *world) waitSent(t *testing.T) {
	t.Helper()
	ctx, cancel := patience(t)
	defer cancel()
	_, err := w.emu.WaitEvent(ctx, 0, func(ev emulator.Event) bool {
		return ev.Kind == emulator.EventRPC && ev.Method == "messages.sendMedia" && ev.Err == nil
	})
	if err != nil {
		t.Fatal("messages.sendMedia never served")
	}
}

// attachedText checks that reply r carries a text/plain .txt document and
// returns its bytes.
func attachedText(t *testing.T, w *world, r *tg.Message) string {
	t.Helper()
	media, ok := r.Media.(*tg.MessageMediaDocument)
	if !ok {
		t.Fatalf("reply %.80q has no document attached (%T)", r.Message, r.Media)
	}
	doc, ok := media.Document.(*tg.Document)
	if !ok || doc.MimeType != "text/plain" {
		t.Fatalf("attached %+v, want a text/plain document", media.Document)
	}
	if name := fileName(doc); !strings.HasPrefix(name, "persona-list-") || !strings.HasSuffix(name, ".txt") {
		t.Errorf("file name %q, want persona-list-<date>.txt", name)
	}
	data, ok := w.emu.DocumentData(doc.ID)
	if !ok {
		t.Fatalf("document %d not stored", doc.ID)
	}
	return string(data)
}

func fileName(doc *tg.Document) string {
	for _, a := range doc.Attributes {
		if f, ok := a.(*tg.DocumentAttributeFilename); ok {
			return f.FileName
		}
	}
	return fmt.Sprint(doc.Attributes)
}
