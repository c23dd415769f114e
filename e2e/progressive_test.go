package e2e_test

import (
	"bytes"
	"testing"

	"github.com/gotd/td/tg"

	"persona/emulator"
)

// TestProgressivePhoto: photos as Telegram sends them, with a stripped
// size, photoSize thumbnails and the full picture as photoSizeProgressive
// ("y", and "w" above 1280 px): the personal photo is the whole original,
// never a thumbnail or the first scans.
func TestProgressivePhoto(t *testing.T) {
	t.Parallel()
	w, d := running(t)
	for _, side := range []int{1000, 2000} {
		jpeg := emulator.JPEG(side, side, 300_000)
		id := w.post(t, emulator.Message{Media: emulator.Photo(jpeg)})
		msg := w.savedMessage(t, id)
		progressive := 0
		for _, s := range msg.Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo).Sizes {
			if _, ok := s.(*tg.PhotoSizeProgressive); ok {
				progressive++
			}
		}
		if progressive == 0 {
			t.Fatalf("%d px: the emulator's photo has no progressive size", side)
		}
		wantPrefix(t, w.waitReply(t, d, w.post(t, emulator.Message{Text: "/setphoto @alice", ReplyTo: id})), "✅")
		if pp, ok := w.emu.PersonalPhoto(w.me.ID, w.alice.ID); !ok || !bytes.Equal(pp.Data, jpeg) {
			t.Errorf("%d px: the personal photo is not the whole original (%d bytes, want %d)", side, len(pp.Data), len(jpeg))
		}
	}
}

// savedMessage is message id of the account's Saved Messages.
func (w *world) savedMessage(t *testing.T, id int) *tg.Message {
	t.Helper()
	for _, m := range w.emu.SavedMessages(w.me.ID) {
		if msg, ok := m.(*tg.Message); ok && msg.ID == id {
			return msg
		}
	}
	t.Fatalf("no message %d in Saved Messages", id)
	return nil
}
